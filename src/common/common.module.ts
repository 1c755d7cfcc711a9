import { Global, Module } from '@nestjs/common';
import { ScopeService } from './access/scope.service';

@Global()
@Module({
  providers: [ScopeService],
  exports: [ScopeService],
})
export class CommonModule {}
