import 'reflect-metadata';
import { DataSource, EntityManager } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { validateEnvironment } from '../config/environment';
import { FacilityKind, FacilityStatus } from '../facilities/facility.entity';
import { SexPolicy } from '../facilities/room.entity';
import { seedSampleStaffing } from '../staffing/seed-sample-staffing';
import { Role } from '../users/user.entity';
import { ensureFirstAdmin } from '../users/first-admin';
import { typeormOptions } from './typeorm-options';
import { BED_CODE_SQL } from '../facilities/bed-codes';

/**
 * Sample data for Sóc Trăng province: the four provincial camps reactivated on 9 February 2021
 * (Tỉnh ủy Sóc Trăng, công văn 62-CV/TU) and one district camp per district-level unit, with rooms
 * and beds, and two sample accounts. The sites are real; their rooms and bed counts are invented.
 *
 * Running it again changes nothing that exists: facilities and accounts are upserted by code and
 * username, rooms and beds that exist are left alone (their beds may be occupied by then).
 */

const SAMPLE_NOTE =
  'Sample data: the site is named in Tỉnh ủy Sóc Trăng công văn 62-CV/TU (9 Feb 2021); its rooms and bed counts are invented.';

/** A block of rooms: `rooms` rooms per floor on each floor, each with `beds` beds. */
interface RoomBlock {
  building: string;
  floors: number;
  roomsPerFloor: number;
  beds: number;
}

interface SampleFacility {
  code: string;
  name: string;
  kind: FacilityKind;
  /** Where the source places the site; the province (94) when it does not say. */
  adminUnitCode: string;
  address: string | null;
  operator: string | null;
  blocks: RoomBlock[];
}

const PROVINCIAL_CAMPS: SampleFacility[] = [
  {
    code: 'ST-TQSDP',
    name: 'Trường Quân sự địa phương',
    kind: FacilityKind.ProvincialCamp,
    adminUnitCode: '94',
    address: null,
    operator: null,
    blocks: [
      { building: 'A', floors: 2, roomsPerFloor: 6, beds: 8 },
      { building: 'B', floors: 2, roomsPerFloor: 6, beds: 8 },
    ],
  },
  {
    code: 'ST-E897',
    name: 'Trung đoàn bộ binh 897',
    kind: FacilityKind.ProvincialCamp,
    adminUnitCode: '94',
    address: null,
    operator: null,
    blocks: [
      { building: 'A', floors: 1, roomsPerFloor: 10, beds: 10 },
      { building: 'B', floors: 1, roomsPerFloor: 10, beds: 10 },
    ],
  },
  {
    code: 'ST-DDHL-THAMDON',
    name: 'Đại đội huấn luyện (cũ)',
    kind: FacilityKind.ProvincialCamp,
    adminUnitCode: '947',
    address: 'Xã Tham Đôn, huyện Mỹ Xuyên, tỉnh Sóc Trăng',
    operator: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Sóc Trăng',
    blocks: [{ building: 'A', floors: 1, roomsPerFloor: 8, beds: 6 }],
  },
  {
    code: 'ST-KHCN-VINHTAN',
    name: 'Trung tâm chuyển giao Khoa học công nghệ',
    kind: FacilityKind.ProvincialCamp,
    adminUnitCode: '950',
    address: 'Xã Vĩnh Tân, thị xã Vĩnh Châu, tỉnh Sóc Trăng',
    operator: null,
    blocks: [{ building: 'A', floors: 2, roomsPerFloor: 5, beds: 6 }],
  },
];

const DISTRICTS: [code: string, name: string][] = [
  ['941', 'Thành phố Sóc Trăng'],
  ['942', 'Huyện Châu Thành'],
  ['943', 'Huyện Kế Sách'],
  ['944', 'Huyện Mỹ Tú'],
  ['945', 'Huyện Cù Lao Dung'],
  ['946', 'Huyện Long Phú'],
  ['947', 'Huyện Mỹ Xuyên'],
  ['948', 'Thị xã Ngã Năm'],
  ['949', 'Huyện Thạnh Trị'],
  ['950', 'Thị xã Vĩnh Châu'],
  ['951', 'Huyện Trần Đề'],
];

/** One camp per district-level unit, of invented sizes between 16 and 40 beds. */
const DISTRICT_CAMPS: SampleFacility[] = DISTRICTS.map(([code, name], i) => ({
  code: `ST-${code}`,
  name: `Khu cách ly tập trung ${name.charAt(0).toLowerCase()}${name.slice(1)}`,
  kind: FacilityKind.DistrictCamp,
  adminUnitCode: code,
  address: null,
  operator: null,
  blocks: [{ building: 'A', floors: 1, roomsPerFloor: 4 + (i % 3) * 2, beds: 4 + (i % 2) }],
}));

export const SAMPLE_FACILITIES: readonly SampleFacility[] = [...PROVINCIAL_CAMPS, ...DISTRICT_CAMPS];

/** The sample accounts; their passwords are listed in the README as sample credentials. */
export const SAMPLE_ACCOUNTS = [
  {
    username: 'bcd.myxuyen',
    password: 'myxuyen-sample-2021',
    fullName: 'Ban Chỉ đạo huyện Mỹ Xuyên (sample account)',
    role: Role.DistrictCommittee,
    adminUnitCode: '947',
    facilityCode: null,
  },
  {
    username: 'quanly.thamdon',
    password: 'thamdon-sample-2021',
    fullName: 'Quản lý khu cách ly Tham Đôn (sample account)',
    role: Role.CampManager,
    adminUnitCode: null,
    facilityCode: 'ST-DDHL-THAMDON',
  },
] as const;

export interface SampleSummary {
  facilitiesCreated: number;
  roomsCreated: number;
  bedsCreated: number;
  accountsCreated: number;
}

/** Rooms are numbered per floor, …, A-201; the sexes alternate, every fifth room is mixed. */
function roomsOf(facility: SampleFacility) {
  return facility.blocks.flatMap((block) =>
    Array.from({ length: block.floors * block.roomsPerFloor }, (_, i) => {
      const floor = Math.floor(i / block.roomsPerFloor) + 1;
      const number = (i % block.roomsPerFloor) + 1;
      const sexPolicy = number % 5 === 0 ? SexPolicy.Mixed : number % 2 === 1 ? SexPolicy.Male : SexPolicy.Female;
      return {
        code: `${block.building}-${floor}${String(number).padStart(2, '0')}`,
        building: block.building,
        floor,
        sex_policy: sexPolicy,
        beds: block.beds,
      };
    }),
  );
}

export async function seedSample(dataSource: DataSource, hasher = new PasswordHasher()): Promise<SampleSummary> {
  // Hashing is slow on purpose: done before the transaction, so it holds no locks meanwhile.
  const hashes = await Promise.all(SAMPLE_ACCOUNTS.map((a) => hasher.hash(a.password)));
  return dataSource.transaction(async (manager) => {
    // Two runs at once would each find nothing and both insert: they take turns instead.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('cachly:seed-sample'))`);
    const summary: SampleSummary = { facilitiesCreated: 0, roomsCreated: 0, bedsCreated: 0, accountsCreated: 0 };
    for (const facility of SAMPLE_FACILITIES) {
      await seedFacility(manager, facility, summary);
    }
    for (const [i, account] of SAMPLE_ACCOUNTS.entries()) {
      await seedAccount(manager, account, hashes[i], summary);
    }
    return summary;
  });
}

async function seedFacility(manager: EntityManager, facility: SampleFacility, summary: SampleSummary): Promise<void> {
  // The status is set only when the facility is created: a re-run must not reopen a closed camp.
  // The WHERE keeps a second run from touching (and re-stamping) a row that already matches.
  const [row]: { id: string; created: boolean }[] = await manager.query(
    `INSERT INTO facilities AS f (code, name, kind, admin_unit_code, address, operator, status, notes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (code) DO UPDATE
        SET name = EXCLUDED.name, kind = EXCLUDED.kind, admin_unit_code = EXCLUDED.admin_unit_code,
            address = EXCLUDED.address, operator = EXCLUDED.operator, notes = EXCLUDED.notes, updated_at = now()
      WHERE (f.name, f.kind, f.admin_unit_code, f.address, f.operator, f.notes)
            IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.admin_unit_code, EXCLUDED.address, EXCLUDED.operator, EXCLUDED.notes)
     RETURNING id, (xmax = 0) AS created`,
    [
      facility.code,
      facility.name,
      facility.kind,
      facility.adminUnitCode,
      facility.address,
      facility.operator,
      FacilityStatus.Active,
      SAMPLE_NOTE,
    ],
  );
  const id = row?.id ?? (await manager.query(`SELECT id FROM facilities WHERE code = $1`, [facility.code]))[0].id;
  if (row?.created) summary.facilitiesCreated += 1;

  const rooms = roomsOf(facility);
  const insertedRooms: unknown[] = await manager.query(
    `INSERT INTO rooms (facility_id, code, building, floor, sex_policy)
     SELECT $1, r.code, r.building, r.floor, r.sex_policy::room_sex_policy
       FROM jsonb_to_recordset($2::jsonb) AS r(code text, building text, floor smallint, sex_policy text)
     ON CONFLICT (facility_id, code) DO NOTHING
     RETURNING id`,
    [id, JSON.stringify(rooms)],
  );
  summary.roomsCreated += insertedRooms.length;

  // Beds numbered 01..n in each sample room; only the missing ones are added.
  const insertedBeds: unknown[] = await manager.query(
    `INSERT INTO beds (room_id, code)
     SELECT room.id, ${BED_CODE_SQL('n', 'r.beds')}
       FROM jsonb_to_recordset($2::jsonb) AS r(code text, beds int)
       JOIN rooms room ON room.facility_id = $1 AND room.code = r.code
      CROSS JOIN LATERAL generate_series(1, r.beds) AS n
     ON CONFLICT (room_id, code) DO NOTHING
     RETURNING id`,
    [id, JSON.stringify(rooms)],
  );
  summary.bedsCreated += insertedBeds.length;
}

async function seedAccount(
  manager: EntityManager,
  account: (typeof SAMPLE_ACCOUNTS)[number],
  passwordHash: string,
  summary: SampleSummary,
): Promise<void> {
  const facilityId = account.facilityCode
    ? (await manager.query(`SELECT id FROM facilities WHERE code = $1`, [account.facilityCode]))[0].id
    : null;
  // The password is set only when the account is created, so a password changed since stays changed.
  const [row]: { created: boolean }[] = await manager.query(
    `INSERT INTO users AS u (username, full_name, password_hash, role, admin_unit_code, facility_id)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (lower(username)) DO UPDATE
        SET full_name = EXCLUDED.full_name, role = EXCLUDED.role, admin_unit_code = EXCLUDED.admin_unit_code,
            facility_id = EXCLUDED.facility_id, active = true, updated_at = now()
      WHERE (u.full_name, u.role, u.admin_unit_code, u.facility_id, u.active)
            IS DISTINCT FROM (EXCLUDED.full_name, EXCLUDED.role, EXCLUDED.admin_unit_code, EXCLUDED.facility_id, true)
     RETURNING (xmax = 0) AS created`,
    [account.username, account.fullName, passwordHash, account.role, account.adminUnitCode, facilityId],
  );
  if (row?.created) summary.accountsCreated += 1;
}

/** Loads the sample facilities, accounts and staffing into a migrated database; returns what it did, in words. */
export async function loadSampleData(dataSource: DataSource, timeZone: string, hasher = new PasswordHasher()): Promise<string[]> {
  const summary = await seedSample(dataSource, hasher);
  // Staff for the sample camps: a frame each and a roster for the coming week.
  const staffing = await seedSampleStaffing(dataSource, { timeZone });
  return [
    `Sample data for Sóc Trăng: ${summary.facilitiesCreated} facilities, ${summary.roomsCreated} rooms, ` +
      `${summary.bedsCreated} beds and ${summary.accountsCreated} accounts created ` +
      `(${SAMPLE_FACILITIES.length} sample facilities in all; existing ones left as they were).`,
    `Sample staffing: ${staffing.frames} frames, ${staffing.staff} staff members and ${staffing.assignments} shifts created.`,
  ];
}

/**
 * `npm run seed:sample` / `node dist/src/database/seed-sample.js`: migrates, then loads the sample
 * facilities and accounts, and the sample staffing of those facilities.
 */
async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  const dataSource = new DataSource(
    typeormOptions({ url: env.DATABASE_URL, poolSize: 2, migrationsRun: true, applicationName: 'cachly-seed' }),
  );
  await dataSource.initialize();
  try {
    const hasher = new PasswordHasher();
    if (env.ADMIN_USERNAME && env.ADMIN_PASSWORD) {
      await ensureFirstAdmin(dataSource.manager, hasher, env.ADMIN_USERNAME, env.ADMIN_PASSWORD);
    }
    for (const line of await loadSampleData(dataSource, env.TZ_DEFAULT, hasher)) console.log(line);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
