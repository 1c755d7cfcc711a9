import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/auth.decorators';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { AlertsService } from './alerts.service';
import { AlertResponse } from './dto/alert.response';
import { ListAlertsDto } from './dto/list-alerts.dto';

@ApiTags('alerts')
@Controller({ path: 'alerts', version: '1' })
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  /** Lists the alerts of the facilities in your scope, newest first. */
  @Get()
  @ApiPageResponse(AlertResponse)
  list(@CurrentActor() actor: Actor, @Query() query: ListAlertsDto): Promise<Page<AlertResponse>> {
    return this.alerts.list(actor, query);
  }

  /** Anyone who can see the alert may acknowledge it (committees follow up on their district's alerts too). */
  @Post(':id/acknowledge')
  @HttpCode(200)
  acknowledge(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AlertResponse> {
    return this.alerts.acknowledge(actor, id);
  }
}
