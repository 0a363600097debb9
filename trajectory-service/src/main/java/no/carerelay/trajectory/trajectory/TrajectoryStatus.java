package no.carerelay.trajectory.trajectory;

import static no.carerelay.trajectory.pathway.EventSuffix.A;
import static no.carerelay.trajectory.pathway.EventSuffix.CA;
import static no.carerelay.trajectory.pathway.EventSuffix.CI;
import static no.carerelay.trajectory.pathway.EventSuffix.CK;
import static no.carerelay.trajectory.pathway.EventSuffix.CM;
import static no.carerelay.trajectory.pathway.EventSuffix.FI;
import static no.carerelay.trajectory.pathway.EventSuffix.FK;
import static no.carerelay.trajectory.pathway.EventSuffix.FL;
import static no.carerelay.trajectory.pathway.EventSuffix.FM;
import static no.carerelay.trajectory.pathway.EventSuffix.FO;
import static no.carerelay.trajectory.pathway.EventSuffix.FS;
import static no.carerelay.trajectory.pathway.EventSuffix.O;
import static no.carerelay.trajectory.pathway.EventSuffix.S;
import static no.carerelay.trajectory.pathway.EventSuffix.X;

import java.util.EnumSet;
import java.util.Set;

import no.carerelay.trajectory.pathway.EventSuffix;

/**
 * Where a trajectory stands, and which NPR event suffixes may follow. {@code A} on a running trajectory is the
 * referral arriving at another health trust (the coding guide asks every receiving trust to register it): the
 * lead time keeps running from the first referral.
 */
public enum TrajectoryStatus {
    REFERRED(EnumSet.of(A, S, O, X)),
    INVESTIGATING(EnumSet.of(A, O, CK, CM, CA, CI, X)),
    DECIDED(EnumSet.of(A, O, FK, FM, FS, FL, FO, FI, X)),
    /** The pathway's lead times are done; Pakkeforløp hjem may still run. X ends that too. */
    TREATMENT_STARTED(EnumSet.of(X)),
    ENDED(EnumSet.noneOf(EventSuffix.class));

    private final Set<EventSuffix> next;

    TrajectoryStatus(Set<EventSuffix> next) {
        this.next = next;
    }

    public Set<EventSuffix> allowedNext() {
        return next;
    }

    public boolean allows(EventSuffix suffix) {
        return next.contains(suffix);
    }

    public boolean running() {
        return this == REFERRED || this == INVESTIGATING || this == DECIDED;
    }
}
