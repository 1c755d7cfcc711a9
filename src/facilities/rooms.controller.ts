import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page, PageQueryDto } from '../common/pagination/pagination';
import { Role } from '../users/user.entity';
import { CreateRoomDto, CreateRoomsDto } from './dto/create-room.dto';
import { BedResponse, RoomResponse } from './dto/room.response';
import { UpdateBedDto } from './dto/update-bed.dto';
import { RoomsService } from './rooms.service';

@ApiTags('rooms and beds')
@Controller({ version: '1' })
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  /** One room and its beds. */
  @Post('facilities/:id/rooms')
  @Roles(Role.Admin, Role.CampManager)
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) facilityId: string,
    @Body() dto: CreateRoomDto,
  ): Promise<RoomResponse> {
    const [room] = await this.rooms.createRooms(actor, facilityId, [dto]);
    return room;
  }

  /** Many rooms and their beds in one transaction (up to 500 rooms). */
  @Post('facilities/:id/rooms/bulk')
  @Roles(Role.Admin, Role.CampManager)
  createMany(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) facilityId: string,
    @Body() dto: CreateRoomsDto,
  ): Promise<RoomResponse[]> {
    return this.rooms.createRooms(actor, facilityId, dto.rooms);
  }

  /** The rooms of a facility with their beds. */
  @Get('facilities/:id/rooms')
  @ApiPageResponse(RoomResponse)
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) facilityId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<RoomResponse>> {
    return this.rooms.listRooms(actor, facilityId, query);
  }

  /** Changes a bed's status (out of service, back in service). */
  @Patch('beds/:id')
  @Roles(Role.Admin, Role.CampManager)
  updateBed(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) bedId: string,
    @Body() dto: UpdateBedDto,
  ): Promise<BedResponse> {
    return this.rooms.updateBed(actor, bedId, dto);
  }
}
