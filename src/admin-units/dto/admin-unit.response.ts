import { AdminUnit, AdminUnitLevel } from '../admin-unit.entity';

export class AdminUnitResponse {
  code: string;
  name: string;
  level: AdminUnitLevel;
  parentCode: string | null;
}

export function toAdminUnitResponse(unit: AdminUnit): AdminUnitResponse {
  return { code: unit.code, name: unit.name, level: unit.level, parentCode: unit.parentCode };
}
