import type { Db } from '../../apps/shared/db/pool.js';
import { UnitRepository } from '../../apps/shared/repositories/unit.repository.js';
import type { AssignmentInput } from '../../workflows/contracts.js';

export const ISSUER = { id: 'ubnd-tinh-demo', name: 'Ủy ban nhân dân tỉnh (thử nghiệm)' };

export async function seedUnits(db: Db): Promise<void> {
  const units = new UnitRepository();
  await units.ensureIssuer(db, ISSUER.id, ISSUER.name);
  await units.upsert(db, {
    issuerId: ISSUER.id,
    code: 'so_noi_vu',
    name: 'Sở Nội vụ',
    kind: 'department',
    email: 'snv@example.gov.vn',
  });
  await units.upsert(db, {
    issuerId: ISSUER.id,
    code: 'ubnd_xa_dak_mol',
    name: 'UBND xã Đắk Môl',
    kind: 'commune',
    parentCode: 'so_noi_vu',
    email: 'dakmol@example.gov.vn',
  });
}

export function anAssignment(
  overrides: Partial<AssignmentInput> & Pick<AssignmentInput, 'dueAt'>,
): AssignmentInput {
  return {
    assignmentId: 'cchc-2027/kh-01/ubnd_xa_dak_mol',
    issuerId: ISSUER.id,
    unitCode: 'ubnd_xa_dak_mol',
    taskId: 'kh-01',
    occurrence: '',
    title: 'Rà soát, công bố danh mục thủ tục hành chính cấp xã',
    area: 'thu_tuc_hanh_chinh',
    reminders: [],
    ...overrides,
  };
}
