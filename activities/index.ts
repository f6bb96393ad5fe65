import { createAssignmentActivities } from './assignment';
import { createAutoPathActivities } from './autoPath';
import { createClassificationActivities } from './classification';
import { createContextActivities } from './context';
import { createCoordinatorTextActivities } from './coordinatorTexts';
import type { ActivityDeps } from './deps';
import { withPermanentFailures } from './permanentFailures';
import { createPagingActivities } from './paging';
import { createPhotoActivities } from './photos';
import { createPreventiveActivities } from './preventive';
import { createRulesActivities } from './rules';
import { createSmsActivities } from './sms';
import { createVendorActivities } from './vendors';
import { createVisitActivities } from './visit';
import { createWorkOrderActivities } from './workOrders';

/** Every activity the worker registers; a failure another try cannot fix is thrown non-retryable (./permanentFailures). */
export function createActivities(deps: ActivityDeps) {
  return withPermanentFailures({
    ...createWorkOrderActivities(deps),
    ...createAutoPathActivities(deps),
    ...createRulesActivities(deps),
    ...createContextActivities(deps),
    ...createClassificationActivities(deps),
    ...createAssignmentActivities(deps),
    ...createSmsActivities(deps),
    ...createCoordinatorTextActivities(deps),
    ...createVisitActivities(deps),
    ...createPhotoActivities(deps),
    ...createVendorActivities(deps),
    ...createPreventiveActivities(deps),
    ...createPagingActivities(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps };
