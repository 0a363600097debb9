package no.carerelay.notification.delivery;

/** A channel could not deliver; the message is chosen by the channel and never carries the address or the text. */
public class ChannelFailure extends RuntimeException {

    private final boolean permanent;

    public ChannelFailure(String reason, boolean permanent) {
        super(reason, null, false, false);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
