import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersDto } from './dto/list-users.dto';
import { UserResponse } from './dto/user.response';
import { UpdateUserDto } from './dto/update-user.dto';
import { Role } from './user.entity';
import { UsersService } from './users.service';

@ApiTags('users')
@Roles(Role.Admin)
@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Creates a user account (admins). */
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(actor, dto);
  }

  /** Lists user accounts (admins). */
  @Get()
  @ApiPageResponse(UserResponse)
  list(@Query() query: ListUsersDto): Promise<Page<UserResponse>> {
    return this.users.list(query);
  }

  /** One user account (admins). */
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  /** Changes a user's role, scope, password or active state (admins). */
  @Patch(':id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.users.update(actor, id, dto);
  }
}
