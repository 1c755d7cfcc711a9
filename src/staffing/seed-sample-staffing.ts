import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { FacilityKind } from '../facilities/facility.entity';
import { FramePosition } from './frame-member.entity';
import { FrameStatus } from './frame.entity';
import { localTimeOn } from './local-time';
import { DEFAULT_REQUIREMENTS, requiredOnDuty, RoleRequirement } from './requirements';
import { StaffRole } from './staff-member.entity';

/** Codes of the sample facilities (the Sóc Trăng sites of the sample data). */
export const SAMPLE_FACILITY_CODE_PREFIX = 'ST-';

export interface SampleStaffingOptions {
  codePrefix?: string;
  /** The roster covers the day of `now` (local time) and the days after it. */
  now?: Date;
  /** Days rostered, today included: by default today and the 7 after it, so that the week ahead of any moment today is covered. */
  days?: number;
  timeZone?: string;
}

export interface SampleStaffingResult {
  frames: number;
  staff: number;
  assignments: number;
}

const SAMPLE_LABEL = '(sample data)';
const SHIFT_HOURS = 12;
/** Day shifts start at 07:00 local time, night shifts at 19:00. */
const DAY_SHIFT_START_HOUR = 7;

const AGENCY: Record<StaffRole, string> = {
  [StaffRole.Command]: 'Ban Chỉ đạo phòng, chống dịch COVID-19',
  [StaffRole.Medical]: 'Trung tâm Y tế',
  [StaffRole.Security]: 'Công an',
  [StaffRole.Military]: 'Bộ Chỉ huy Quân sự',
  [StaffRole.Logistics]: 'Ủy ban nhân dân',
  [StaffRole.Reception]: 'Ủy ban nhân dân',
  [StaffRole.Sanitation]: 'Công ty Công trình đô thị',
  [StaffRole.Volunteer]: 'Đoàn Thanh niên',
};

// Invented names for sample staff, built from common Vietnamese family, middle and given names.
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lâm'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Hữu', 'Thanh', 'Ngọc', 'Quốc', 'Hoài', 'Kim', 'Đức'];
const GIVEN = [
  'An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Khánh', 'Lan', 'Linh', 'Long',
  'Mai', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Trung', 'Tuấn', 'Vy', 'Yến', 'Nhân',
];

function sampleName(n: number): string {
  return `${FAMILY[n % FAMILY.length]} ${MIDDLE[Math.floor(n / 3) % MIDDLE.length]} ${GIVEN[(n * 7 + 3) % GIVEN.length]}`;
}

interface SampleFacility {
  id: string;
  code: string;
  name: string;
  kind: FacilityKind;
  adminUnitCode: string;
  bedsInService: number;
}

/**
 * Sample staffing (idempotent): each non-closed facility whose code starts with the sample prefix gets
 * a deployed frame with enough members for two 12-hour shifts a day at full occupancy, and a roster
 * from the night before today through the coming `days` days. Running it again creates no second frame
 * and only adds the shifts that are missing (for example the days that have come into the window).
 */
export async function seedSampleStaffing(
  dataSource: DataSource,
  options: SampleStaffingOptions = {},
): Promise<SampleStaffingResult> {
  const prefix = options.codePrefix ?? SAMPLE_FACILITY_CODE_PREFIX;
  const now = options.now ?? new Date();
  const days = options.days ?? 8;
  const timeZone = options.timeZone ?? 'Asia/Ho_Chi_Minh';

  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('cachly:seed-sample-staffing'))`);
    const facilities: SampleFacility[] = await manager.query(
      `SELECT f.id, f.code, f.name, f.kind, f.admin_unit_code AS "adminUnitCode",
              (SELECT count(*)::int FROM beds b JOIN rooms r ON r.id = b.room_id
                WHERE r.facility_id = f.id AND b.status <> 'out_of_service') AS "bedsInService"
         FROM facilities f
        WHERE f.code LIKE $1 || '%' AND f.status <> 'closed'
        ORDER BY f.code`,
      [prefix],
    );

    // Shifts of 12 hours: the night before today's day shift, then a day and a night for each day.
    const firstShift = new Date(localTimeOn(now, DAY_SHIFT_START_HOUR, timeZone).getTime() - SHIFT_HOURS * 3_600_000);
    const shifts = Array.from({ length: 2 * days + 1 }, (_, i) => ({
      starts_at: new Date(firstShift.getTime() + i * SHIFT_HOURS * 3_600_000),
      ends_at: new Date(firstShift.getTime() + (i + 1) * SHIFT_HOURS * 3_600_000),
      team: i % 2 === 0 ? 'night' : 'day',
    }));

    const result: SampleStaffingResult = { frames: 0, staff: 0, assignments: 0 };
    for (const facility of facilities) {
      const frameId = await ensureFrame(manager, facility, result);
      // Members alternate between the day and the night team within each role.
      const inserted: unknown[] = await manager.query(
        `WITH members AS (
           SELECT m.staff_id, s.role,
                  CASE WHEN row_number() OVER (PARTITION BY s.role ORDER BY s.full_name, s.id) % 2 = 1
                       THEN 'day' ELSE 'night' END AS team
             FROM frame_members m JOIN staff_members s ON s.id = m.staff_id
            WHERE m.frame_id = $1 AND s.active
         )
         INSERT INTO assignments (staff_id, facility_id, role, starts_at, ends_at, frame_id)
         SELECT members.staff_id, $2, members.role, shift.starts_at, shift.ends_at, $1
           FROM members
           JOIN jsonb_to_recordset($3::jsonb) AS shift(starts_at timestamptz, ends_at timestamptz, team text)
             ON shift.team = members.team
         -- A shift that would overlap one the staff member already has (the same shift from an
         -- earlier run, or a change made by hand) is skipped: EXC_assignments_staff_no_overlap.
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [frameId, facility.id, JSON.stringify(shifts)],
      );
      result.assignments += inserted.length;
    }
    return result;
  });
}

async function ensureFrame(manager: EntityManager, facility: SampleFacility, result: SampleStaffingResult): Promise<string> {
  const name = `Khung cách ly ${facility.name} ${SAMPLE_LABEL}`;
  const [existing] = await manager.query(`SELECT id FROM frames WHERE name = $1 AND admin_unit_code = $2`, [
    name,
    facility.adminUnitCode,
  ]);
  if (existing) return existing.id;

  const [frame] = await manager.query(
    `INSERT INTO frames (name, admin_unit_code, facility_id, status) VALUES ($1, $2, $3, $4) RETURNING id`,
    [name, facility.adminUnitCode, facility.id, FrameStatus.Deployed],
  );
  result.frames += 1;

  const team = await sampleTeam(manager, facility);
  let n = hash(facility.code);
  const staff = team.map((role, i) => ({
    id: randomUUID(),
    full_name: sampleName(n++),
    role,
    agency: `${AGENCY[role]} ${SAMPLE_LABEL}`,
    position: role === StaffRole.Command ? (i === 0 ? FramePosition.Leader : FramePosition.Deputy) : FramePosition.Member,
  }));
  const rows = JSON.stringify(staff);
  await manager.query(
    `INSERT INTO staff_members (id, full_name, role, agency, admin_unit_code)
     SELECT s.id, s.full_name, s.role::staff_role, s.agency, $1
       FROM jsonb_to_recordset($2::jsonb) AS s(id uuid, full_name text, role text, agency text)`,
    [facility.adminUnitCode, rows],
  );
  await manager.query(
    `INSERT INTO frame_members (frame_id, staff_id, position)
     SELECT $1, s.id, s.position::frame_position
       FROM jsonb_to_recordset($2::jsonb) AS s(id uuid, position text)`,
    [frame.id, rows],
  );
  result.staff += staff.length;
  return frame.id;
}

/**
 * The roles of a frame that can hold the facility's requirements at full occupancy around the clock:
 * twice what one shift needs (a day and a night team), command first.
 */
async function sampleTeam(manager: EntityManager, facility: SampleFacility): Promise<StaffRole[]> {
  const own: RoleRequirement[] = await manager.query(
    `SELECT role, min_on_duty AS "minOnDuty", per_occupants AS "perOccupants"
       FROM staffing_requirements WHERE facility_id = $1`,
    [facility.id],
  );
  const requirements = own.length > 0 ? own : DEFAULT_REQUIREMENTS[facility.kind];
  const sorted = [...requirements].sort((a, b) => (a.role === StaffRole.Command ? -1 : b.role === StaffRole.Command ? 1 : 0));
  return sorted.flatMap((r) => Array<StaffRole>(2 * Math.max(1, requiredOnDuty(r, facility.bedsInService))).fill(r.role));
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 10_007;
  return h;
}
