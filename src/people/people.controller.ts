import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { Role } from '../users/user.entity';
import { CreatePersonDto } from './dto/create-person.dto';
import { ListPeopleDto } from './dto/list-people.dto';
import { LookupPersonDto } from './dto/lookup-person.dto';
import { PersonResponse } from './dto/person.response';
import { UpdatePersonDto } from './dto/update-person.dto';
import { PeopleService } from './people.service';

@ApiTags('people')
@Controller({ path: 'people', version: '1' })
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  /** Registers a person. */
  @Post()
  @Roles(Role.Admin, Role.CampManager)
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePersonDto): Promise<PersonResponse> {
    return this.people.createOne(actor, dto);
  }

  /** Finds people by name (diacritics optional), ID number or phone, within the caller's registry scope. */
  @Get()
  @ApiPageResponse(PersonResponse)
  search(@CurrentActor() actor: Actor, @Query() query: ListPeopleDto): Promise<Page<PersonResponse>> {
    return this.people.search(actor, query);
  }

  @Get('lookup')
  @ApiOperation({ summary: 'Find a person anywhere by their exact national id number (masked)' })
  @ApiNotFoundResponse({ description: 'No person is registered with this number.' })
  lookup(@CurrentActor() actor: Actor, @Query() query: LookupPersonDto): Promise<PersonResponse> {
    return this.people.lookup(actor, query.idNumber);
  }

  /** One person (ID number and phone masked unless you need them). */
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PersonResponse> {
    return this.people.get(actor, id);
  }

  /** Corrects a person's details. */
  @Patch(':id')
  @Roles(Role.Admin, Role.CampManager)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePersonDto,
  ): Promise<PersonResponse> {
    return this.people.update(actor, id, dto);
  }
}
