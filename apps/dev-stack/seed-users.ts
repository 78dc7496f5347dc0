import type { PlanIR } from '../../dsl/ir/schema.js';
import { hashPassword } from '../credentials/password.js';
import { withTransaction, type Db } from '../database/pool.js';
import { storeOrganisation } from '../publishing/plan-publisher.js';
import { createRepositories, type Repositories } from '../database/repositories/index.js';
import type { Role } from '../database/repositories/user.repository.js';

export interface SeededUser {
  login: string;
  displayName: string;
  role: Role;
  unit?: string;
}

/**
 * Sign-ins for trying a published plan: Home Affairs, the chairperson (and vice-chairs) of each unit that has
 * one, a member for every unit, a viewer. Logins are `<role or unit>.<issuer>`; one password for all.
 */
export async function seedUsers(
  db: Db,
  ir: PlanIR,
  password: string,
  { users: userRepository, units }: Pick<Repositories, 'users' | 'units'> = createRepositories(),
  /** Units that also get a head (truong.<unit>) and an officer (chuyen-vien.<unit>). */
  staffed: readonly string[] = [],
): Promise<SeededUser[]> {
  const issuer = ir.plan.issuer.code;
  const users: (SeededUser & {
    personCode?: string;
    email?: string;
    roles: { role: Role; unitCode?: string }[];
  })[] = [];
  const login = (name: string) => `${name}.${issuer}`.replace(/_/g, '-').toLowerCase();
  users.push({
    login: login('noivu'),
    displayName: 'Chuyên viên Nội vụ',
    role: 'home_affairs',
    roles: [{ role: 'home_affairs' }],
  });
  for (const person of ir.people) {
    if ((person.role !== 'chair' && person.role !== 'viceChair') || !person.unit) continue;
    users.push({
      login: login(person.id),
      displayName: person.name,
      role: 'chairperson',
      unit: person.unit,
      personCode: person.id,
      ...(person.email ? { email: person.email } : {}),
      roles: [{ role: 'chairperson', unitCode: person.unit }],
    });
  }
  for (const unit of ir.units) {
    users.push({
      login: login(unit.code),
      displayName: `Cán bộ ${unit.name}`,
      role: 'unit_member',
      unit: unit.code,
      ...(unit.email ? { email: unit.email } : {}),
      roles: [{ role: 'unit_member', unitCode: unit.code }],
    });
  }
  // People have names: the column "Chuyên viên" would otherwise read "Chuyên viên Chuyên viên …".
  // Their mail goes to the unit's domain, so that the officer's reminders can be seen in the demo's mail.
  const names = [
    [
      ['Trần Văn Hùng', 'hung.tv'],
      ['Nguyễn Thị Lan', 'lan.nt'],
    ],
    [
      ['Lê Minh Tuấn', 'tuan.lm'],
      ['Phạm Thu Hà', 'ha.pt'],
    ],
    [
      ['Võ Đức Thắng', 'thang.vd'],
      ['Hoàng Thị Mai', 'mai.ht'],
    ],
  ] as const;
  for (const [i, unit] of ir.units.filter((u) => staffed.includes(u.code)).entries()) {
    const [[head, headMail], [officer, officerMail]] = names[i % names.length]!;
    const domain = unit.email?.split('@')[1];
    const mail = (local: string) => (domain ? { email: `${local}@${domain}` } : {});
    users.push({
      login: login(`truong_${unit.code}`),
      displayName: head,
      role: 'unit_head',
      unit: unit.code,
      ...mail(headMail),
      roles: [{ role: 'unit_head', unitCode: unit.code }],
    });
    users.push({
      login: login(`chuyen_vien_${unit.code}`),
      displayName: officer,
      role: 'officer',
      unit: unit.code,
      ...mail(officerMail),
      roles: [{ role: 'officer', unitCode: unit.code }],
    });
  }
  const root = ir.units.find((u) => !u.parent);
  if (root)
    users.push({
      login: login('xem'),
      displayName: 'Người xem',
      role: 'viewer',
      unit: root.code,
      roles: [{ role: 'viewer', unitCode: root.code }],
    });
  const hash = await hashPassword(password);
  await withTransaction(db, async (tx) => {
    await storeOrganisation(tx, ir, units);
    for (const u of users)
      await userRepository.upsert(tx, {
        issuerId: issuer,
        login: u.login,
        displayName: u.displayName,
        ...(u.email ? { email: u.email } : {}),
        ...(u.personCode ? { personCode: u.personCode } : {}),
        passwordHash: hash,
        roles: u.roles,
      });
  });
  return users.map(({ login, displayName, role, unit }) => ({
    login,
    displayName,
    role,
    ...(unit ? { unit } : {}),
  }));
}
