package no.carerelay.trajectory.deadline;

import java.time.Instant;

/**
 * What a deadline fires at a given moment, given what it has fired before. Pure, so the scanner's guarantees (each
 * action at most once; the breach exactly once when its time has come; no warning once the breach is due) can be
 * tested as properties without a database.
 *
 * @param warn     send DeadlineApproaching
 * @param handover require the handover (Pakkeforløp hjem window opened)
 * @param breach   send DeadlineBreached
 * @param suppressWarning the warning's time came but so did the breach's: mark it done without sending it
 * @param after    the state to store
 */
public record Firing(boolean warn, boolean handover, boolean breach, boolean suppressWarning, State after) {

    /**
     * @param warnAt     null when the deadline has no warning (Pakkeforløp hjem windows)
     * @param handoverAt null when the deadline requires no handover (lead times)
     */
    public record State(Instant warnAt, Instant handoverAt, Instant dueAt, boolean warned, boolean handedOver, boolean breached) {

        /** The next moment something is left to fire; null when everything has. */
        public Instant nextFireAt() {
            Instant next = null;
            if (!warned && warnAt != null) {
                next = warnAt;
            }
            if (!handedOver && handoverAt != null && (next == null || handoverAt.isBefore(next))) {
                next = handoverAt;
            }
            if (!breached && (next == null || dueAt.isBefore(next))) {
                next = dueAt;
            }
            return next;
        }
    }

    public static Firing at(State state, Instant now) {
        boolean handover = !state.handedOver() && state.handoverAt() != null && !state.handoverAt().isAfter(now);
        boolean breachDue = !state.dueAt().isAfter(now);
        boolean warningDue = !state.warned() && state.warnAt() != null && !state.warnAt().isAfter(now);
        boolean warn = warningDue && !breachDue;
        boolean suppress = warningDue && breachDue;
        boolean breach = !state.breached() && breachDue;
        State after = new State(state.warnAt(), state.handoverAt(), state.dueAt(), state.warned() || warningDue,
                state.handedOver() || handover, state.breached() || breach);
        return new Firing(warn, handover, breach, suppress, after);
    }

    public boolean any() {
        return warn || handover || breach || suppressWarning;
    }
}
