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
import { visitActionApplies, type VisitAction } from '../../domain/visitActions';
import type { WorkOrderContext } from './context';
import { installCoordinatorUpdates, installPickVendorUpdate } from './updates';
import { installTechnicianDeactivatedUpdate } from './technicianWithdrawal';
import { installMarkUrgentUpdate } from './urgency';

/** Installs every handler, in the order the workflow always has. */
export function installHandlers(ctx: WorkOrderContext): void {
  const { state, inbox } = ctx;
  // Where the order is, or where a change being recorded moves it (the record the API read may show it already).
  const applies = (action: VisitAction) =>
    visitActionApplies(action, state.status) || (ctx.movingTo !== null && visitActionApplies(action, ctx.movingTo));

  setHandler(stateQuery, () => state);

  setHandler(tenantReplySignal, (reply) => {
    if (reply.messageSid) {
      if (inbox.seenReplySids.has(reply.messageSid)) return;
      inbox.seenReplySids.add(reply.messageSid);
    }
    inbox.tenantReply = reply;
  });

  setHandler(technicianOnTheWaySignal, (signal) => {
    if (!applies('on-my-way')) {
      log.warn('on-the-way ignored', { status: state.status });
      return;
    }
    inbox.onTheWay = signal;
  });

  setHandler(smsDeliveryFailedSignal, (failure) => {
    inbox.deliveryFailures.push(failure);
  });

  setHandler(partsNeededSignal, (signal) => {
    if (!applies('parts-needed')) {
      log.warn('parts-needed ignored', { status: state.status });
      return;
    }
    inbox.partsNeeded = signal;
  });

  setHandler(partsArrivedSignal, (signal) => {
    // Once the ETA has fired the wait is over: a late report changes nothing.
    if (!applies('parts-arrived') || !state.parts) {
      log.warn('parts-arrived ignored', { status: state.status });
      return;
    }
    inbox.partsArrived = signal;
  });

  setHandler(noAccessSignal, (signal) => {
    if (!applies('no-access')) {
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
    if (!applies('check-in')) {
      log.warn('check-in ignored', { status: state.status });
      return;
    }
    inbox.checkIn = signal;
  });

  setHandler(photosSubmittedSignal, (submission) => {
    if (!applies('photos')) {
      log.warn('photos ignored', { status: state.status });
      return;
    }
    inbox.submittedPhotos = submission;
  });

  installCoordinatorUpdates(ctx);
  installMarkUrgentUpdate(ctx);
  installTechnicianDeactivatedUpdate(ctx);
}
