package dev.dextrace.model.hardware;

import dev.dextrace.model.driverkit.DriverKit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seed's hardware: a RAID-0 pair of disks behind one HBA. A command is striped over both disks;
 * it finishes, and the interrupt fires, when the second half is done.
 */
public final class Raid0 extends HostBusAdapter {
    /** A command in flight: how many halves are still out, and how many bytes it moves in all. */
    private record Striped(int halvesLeft, long bytes) {
    }

    private final Map<Integer, Striped> inFlight = new ConcurrentHashMap<>();

    public Raid0(DriverKit dk, long latencyNanos) {
        super(dk, latencyNanos);
    }

    @Override
    public void start(int tag, long requestedBytes) {
        if (inFlight.putIfAbsent(tag, new Striped(2, requestedBytes)) != null) {
            throw new IllegalStateException("tag " + tag + " is already in flight on the RAID-0 pair");
        }
        super.start(tag, requestedBytes / 2);                   // disk 0
        super.start(tag, requestedBytes - requestedBytes / 2);  // disk 1
    }

    @Override
    protected void finish(HbaCompletion half) {
        Striped s = inFlight.computeIfPresent(half.tag(), (t, st) -> new Striped(st.halvesLeft() - 1, st.bytes()));
        if (s != null && s.halvesLeft() == 0) {
            inFlight.remove(half.tag());
            super.finish(new HbaCompletion(half.tag(), half.scsiStatus(), s.bytes()));
        }
    }
}
