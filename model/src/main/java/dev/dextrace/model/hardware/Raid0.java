package dev.dextrace.model.hardware;

import dev.dextrace.model.driverkit.DriverKit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed's hardware: a RAID-0 pair of disks behind one HBA. A command is striped over both disks;
 * it finishes, and the interrupt fires, when the second half is done.
 */
public final class Raid0 extends HostBusAdapter {
    private final Map<Integer, AtomicInteger> halvesLeft = new ConcurrentHashMap<>();

    public Raid0(DriverKit dk, long latencyNanos) {
        super(dk, latencyNanos);
    }

    @Override
    public void start(int tag, long requestedBytes) {
        if (halvesLeft.putIfAbsent(tag, new AtomicInteger(2)) != null) {
            throw new IllegalStateException("tag " + tag + " is already in flight on the RAID-0 pair");
        }
        super.start(tag, requestedBytes / 2);              // disk 0
        super.start(tag, requestedBytes - requestedBytes / 2); // disk 1
    }

    @Override
    protected void finish(HbaCompletion half) {
        AtomicInteger left = halvesLeft.get(half.tag());
        if (left != null && left.decrementAndGet() == 0) {
            halvesLeft.remove(half.tag());
            super.finish(new HbaCompletion(half.tag(), half.scsiStatus(), half.bytesTransferred() * 2));
        }
    }
}
