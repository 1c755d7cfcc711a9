import { Global, Module } from '@nestjs/common';
import { RegionService } from './access/region.service';
import { ScopeService } from './access/scope.service';
import { Lifecycle } from './lifecycle/lifecycle.service';

@Global()
@Module({
  providers: [ScopeService, RegionService, Lifecycle],
  exports: [ScopeService, RegionService, Lifecycle],
})
export class CommonModule {}
