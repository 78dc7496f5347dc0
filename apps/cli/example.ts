import type { Client } from '@temporalio/client';
import type { Db } from '../shared/db/pool.js';
import { UnitRepository } from '../shared/repositories/unit.repository.js';
import { assignmentWorkflowId, type AssignmentInput } from '../../workflows/contracts.js';

// A small, realistic first assignment so a fresh `npm start` shows the whole path working.
// It gives way to the example plans in plans/ once plans are published from the DSL.
const ISSUER = { id: 'ubnd-tinh-dak-nong', name: 'Ủy ban nhân dân tỉnh Đắk Nông' };
const UNITS = [
  {
    code: 'so_noi_vu',
    name: 'Sở Nội vụ',
    kind: 'department',
    email: 'sonoivu@daknong.gov.vn',
    headName: 'Giám đốc Sở Nội vụ',
  },
  { code: 'ubnd_xa_dak_mol', name: 'UBND xã Đắk Môl', kind: 'commune', email: 'ubnd.dakmol@daknong.gov.vn' },
];

export async function loadExample(
  db: Db,
  client: Client,
  taskQueue: string,
  alreadyStarted: (e: unknown) => boolean,
): Promise<{ assignmentId: string }> {
  const units = new UnitRepository();
  await units.ensureIssuer(db, ISSUER.id, ISSUER.name);
  for (const u of UNITS) await units.upsert(db, { issuerId: ISSUER.id, ...u });

  const year = new Date().getFullYear() + 1;
  const input: AssignmentInput = {
    assignmentId: `cchc-${year}/tthc-01/ubnd_xa_dak_mol`,
    issuerId: ISSUER.id,
    unitCode: 'ubnd_xa_dak_mol',
    taskId: 'tthc-01',
    occurrence: '',
    title: 'Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền cấp xã',
    area: 'thu_tuc_hanh_chinh',
    // 30/6 at 17:00 Vietnam time, with reminders 7 and 1 days before.
    dueAt: `${year}-06-30T10:00:00.000Z`,
    reminders: [
      { at: `${year}-06-23T01:00:00.000Z`, kind: 'before_deadline' },
      { at: `${year}-06-29T01:00:00.000Z`, kind: 'before_deadline' },
    ],
  };
  try {
    await client.workflow.start('assignmentWorkflow', {
      args: [input],
      taskQueue,
      workflowId: assignmentWorkflowId(input),
    });
  } catch (err) {
    // A second start of the product finds the example already running: that is fine.
    if (!alreadyStarted(err)) throw err;
  }
  return { assignmentId: input.assignmentId };
}
