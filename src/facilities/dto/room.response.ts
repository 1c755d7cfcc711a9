import { Bed, BedStatus } from '../bed.entity';
import { Room, SexPolicy } from '../room.entity';

export class BedResponse {
  id: string;
  roomId: string;
  code: string;
  status: BedStatus;
}

export class RoomResponse {
  id: string;
  facilityId: string;
  code: string;
  building: string | null;
  floor: number | null;
  sexPolicy: SexPolicy;
  beds: BedResponse[];
}

export function toBedResponse(bed: Bed): BedResponse {
  return { id: bed.id, roomId: bed.roomId, code: bed.code, status: bed.status };
}

export function toRoomResponse(room: Room): RoomResponse {
  return {
    id: room.id,
    facilityId: room.facilityId,
    code: room.code,
    building: room.building,
    floor: room.floor,
    sexPolicy: room.sexPolicy,
    beds: (room.beds ?? []).map(toBedResponse),
  };
}
