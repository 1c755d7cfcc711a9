import { Global, Module } from '@nestjs/common';
import { RegionService } from './access/region.service';
import { ScopeService } from './access/scope.service';

@Global()
@Module({
  providers: [ScopeService, RegionService],
  exports: [ScopeService, RegionService],
})
export class CommonModule {}
