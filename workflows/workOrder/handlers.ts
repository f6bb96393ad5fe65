/** The query and the signals: facts from outside, put in the inbox for the main flow's next wait. */
import { log, setHandler } from '@temporalio/workflow';
import {
  noAccessSignal,
  partsArrivedSignal,
  partsNeededSignal,
  photosSubmittedSignal,
  smsDeliveryFailedSignal,
  stateQuery,
  technicianCheckInSignal,
  technicianOnTheWaySignal,
  tenantReplySignal,
  vendorReplySignal,
} from '../definitions';
import { visitActionApplies } from '../../domain/visitActions';
import type { WorkOrderContext } from './context';
import { installCoordinatorUpdates, installPickVendorUpdate } from './updates';
import { installTechnicianDeactivatedUpdate } from './technicianWithdrawal';
import { installMarkUrgentUpdate } from './urgency';

/** Installs every handler, in the order the workflow always has. */
export function installHandlers(ctx: WorkOrderContext): void {
  const { state, inbox } = ctx;

  setHandler(stateQuery, () => state);

  setHandler(tenantReplySignal, (reply) => {
    if (reply.messageSid) {
      if (inbox.seenReplySids.has(reply.messageSid)) return;
      inbox.seenReplySids.add(reply.messageSid);
    }
    inbox.tenantReply = reply;
  });

  setHandler(technicianOnTheWaySignal, (signal) => {
    if (!visitActionApplies('on-my-way', state.status)) {
      log.warn('on-the-way ignored', { status: state.status });
      return;
    }
    inbox.onTheWay = signal;
  });

  setHandler(smsDeliveryFailedSignal, (failure) => {
    inbox.deliveryFailures.push(failure);
  });

  setHandler(partsNeededSignal, (signal) => {
    if (!visitActionApplies('parts-needed', state.status)) {
      log.warn('parts-needed ignored', { status: state.status });
      return;
    }
    inbox.partsNeeded = signal;
  });

  setHandler(partsArrivedSignal, (signal) => {
    // Once the ETA has fired the wait is over: a late report changes nothing.
    if (!visitActionApplies('parts-arrived', state.status) || !state.parts) {
      log.warn('parts-arrived ignored', { status: state.status });
      return;
    }
    inbox.partsArrived = signal;
  });

  setHandler(noAccessSignal, (signal) => {
    if (!visitActionApplies('no-access', state.status)) {
      log.warn('no-access ignored', { status: state.status });
      return;
    }
    inbox.noAccess = signal;
  });

  setHandler(vendorReplySignal, (reply) => {
    if (reply.messageSid && inbox.seenReplySids.has(reply.messageSid)) return;
    if (reply.messageSid) inbox.seenReplySids.add(reply.messageSid);
    inbox.vendorReplies.push(reply);
  });

  installPickVendorUpdate(ctx);

  setHandler(technicianCheckInSignal, (signal) => {
    if (!visitActionApplies('check-in', state.status)) {
      log.warn('check-in ignored', { status: state.status });
      return;
    }
    inbox.checkIn = signal;
  });

  setHandler(photosSubmittedSignal, (submission) => {
    if (!visitActionApplies('photos', state.status)) {
      log.warn('photos ignored', { status: state.status });
      return;
    }
    inbox.submittedPhotos = submission;
  });

  installCoordinatorUpdates(ctx);
  installMarkUrgentUpdate(ctx);
  installTechnicianDeactivatedUpdate(ctx);
}
