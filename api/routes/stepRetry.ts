import { Router } from 'express';
import { retryStepUpdate } from '../../workflows/definitions';
import { actorOf, allow } from '../auth';
import type { ApiDeps } from '../deps';
import { retryStepBody, workOrderParams } from '../schemas';
import { parse } from '../validate';
import { answerWithUpdate } from '../workflowCalls';
import { assertOpen, loadWorkOrderFor } from './workOrderAccess';

/** A step that failed past its retries waits in the `failed-steps` queue; a coordinator tries it again from here. */
export function stepRetryRouter(deps: ApiDeps): Router {
  const router = Router();

  router.post('/:id/retry-step', allow('coordinator'), async (req, res) => {
    const { id } = parse(workOrderParams, req, 'params');
    parse(retryStepBody, req, 'body');
    assertOpen(await loadWorkOrderFor(deps, req, id));
    await answerWithUpdate(deps, res, id, retryStepUpdate, [{ actor: actorOf(req.identity!) }]);
  });

  return router;
}
