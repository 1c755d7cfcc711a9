import { Foundation1795645746099 } from './1795645746099-Foundation';
import { Stays1795646830373 } from './1795646830373-Stays';
import { Staffing1795646989907 } from './1795646989907-Staffing';
import { Testing1795647340213 } from './1795647340213-Testing';
import { Alerts1795647385560 } from './1795647385560-Alerts';
import { MoreAlertTypes1796010950896 } from './1796010950896-MoreAlertTypes';
import { SocTrangCommunes1796011186365 } from './1796011186365-SocTrangCommunes';
import { JobResults1796011186868 } from './1796011186868-JobResults';
import { ReleaseOutcomes1796011207720 } from './1796011207720-ReleaseOutcomes';
import { HealthChecks1796011237423 } from './1796011237423-HealthChecks';
import { ReleaseCertificates1796011324990 } from './1796011324990-ReleaseCertificates';
import { AccessHardening1796011576229 } from './1796011576229-AccessHardening';
import { StayMovements1796011588895 } from './1796011588895-StayMovements';
import { TransferRequests1796012227235 } from './1796012227235-TransferRequests';
import { Exports1796012297512 } from './1796012297512-Exports';
import { FacilityBedCounts1796013002245 } from './1796013002245-FacilityBedCounts';
import { HomeMonitoring1796013266778 } from './1796013266778-HomeMonitoring';
import { JobTicks1796013551478 } from './1796013551478-JobTicks';
import { IntakeLists1796015310972 } from './1796015310972-IntakeLists';
import { FacilityCountsChangedAt1796021715183 } from './1796021715183-FacilityCountsChangedAt';
import { RevokedTokens1796021715184 } from './1796021715184-RevokedTokens';
import { CapacityRollUpByUnit1796022100000 } from './1796022100000-CapacityRollUpByUnit';
import { IdempotencyClaim1796030000000 } from './1796030000000-IdempotencyClaim';

/** Every migration, in order. Listed explicitly so the app, the CLI and Jest load the same files. */
// One per line, in timestamp order: branches that each add a migration then merge line by line.
export const MIGRATIONS: Function[] = [
  Foundation1795645746099,
  Stays1795646830373,
  Staffing1795646989907,
  Testing1795647340213,
  Alerts1795647385560,
  MoreAlertTypes1796010950896,
  SocTrangCommunes1796011186365,
  JobResults1796011186868,
  ReleaseOutcomes1796011207720,
  HealthChecks1796011237423,
  ReleaseCertificates1796011324990,
  AccessHardening1796011576229,
  StayMovements1796011588895,
  TransferRequests1796012227235,
  Exports1796012297512,
  FacilityBedCounts1796013002245,
  HomeMonitoring1796013266778,
  JobTicks1796013551478,
  IntakeLists1796015310972,
  FacilityCountsChangedAt1796021715183,
  RevokedTokens1796021715184,
  CapacityRollUpByUnit1796022100000,
  IdempotencyClaim1796030000000,
];
