import { maskTail } from '../masking';
import { Person, Sex } from '../person.entity';

export class PersonResponse {
  id: string;
  fullName: string;
  sex: Sex;
  dateOfBirth: string | null;
  birthYear: number | null;
  /** In full for admins and the camp managers of a facility where the person has a stay; masked otherwise. */
  idNumber: string | null;
  /** In full for admins and the camp managers of a facility where the person has a stay; masked otherwise. */
  phone: string | null;
  residenceAdminUnitCode: string | null;
  address: string | null;
  vaccinationDoses: number;
  notes: string | null;
}

/** The only way a person leaves the service; `reveal` decides whether ID and phone are shown in full. */
export function toPersonResponse(p: Person, reveal: boolean): PersonResponse {
  return {
    id: p.id,
    fullName: p.fullName,
    sex: p.sex,
    dateOfBirth: p.dateOfBirth,
    birthYear: p.birthYear,
    idNumber: reveal ? p.idNumber : maskTail(p.idNumber),
    phone: reveal ? p.phone : maskTail(p.phone),
    residenceAdminUnitCode: p.residenceAdminUnitCode,
    address: p.address,
    vaccinationDoses: p.vaccinationDoses,
    notes: p.notes,
  };
}
