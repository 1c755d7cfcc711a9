import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/auth.decorators';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { Role } from '../users/user.entity';
import { AuditService } from './audit.service';
import { AuditEventResponse } from './dto/audit-event.response';
import { ListAuditEventsDto } from './dto/list-audit-events.dto';

/** Read-only: the audit log has no endpoint that changes it, and the database refuses changes too. */
@ApiTags('audit')
@Roles(Role.Admin)
@Controller({ path: 'audit', version: '1' })
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Searches the audit log (admins). */
  @Get()
  @ApiPageResponse(AuditEventResponse)
  list(@Query() query: ListAuditEventsDto): Promise<Page<AuditEventResponse>> {
    return this.audit.list(query);
  }
}
