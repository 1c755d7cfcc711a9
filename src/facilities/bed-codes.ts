/**
 * A bed's code in SQL: its number padded to the width of the room's bed count, at least two digits
 * ("07" in a room of 12, "007" and "120" in a room of 120), so codes within a room never collide
 * ("100" vs "10") and sort in order. Rooms of up to 99 beds keep the codes they always had.
 */
export const BED_CODE_SQL = (n: string, count: string): string => `lpad(${n}::text, greatest(2, length(${count}::text)), '0')`;
