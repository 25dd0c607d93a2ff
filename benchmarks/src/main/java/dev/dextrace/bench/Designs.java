package dev.dextrace.bench;

import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.SlotIndexArray;

import java.util.Arrays;

/**
 * Designs of fixed size for the scale study. The engines make a design from its class's no-argument
 * constructor ({@link DesignEntry#create()}), so each size is a class of its own.
 */
public final class Designs {
    private Designs() {
    }

    /**
     * {@link BundledRecommended} reporting {@code n} slots, n in 4, 8, 16, ..., 256.
     */
    public static DesignEntry slots(int n) {
        return DesignEntry.of(switch (n) {
            case 4 -> BundledRecommended.class;
            case 8 -> Slots8.class;
            case 16 -> Slots16.class;
            case 32 -> Slots32.class;
            case 64 -> Slots64.class;
            case 128 -> Slots128.class;
            case 256 -> Slots256.class;
            default -> throw new IllegalArgumentException("slots must be 4, 8, 16, 32, 64, 128 or 256, was " + n);
        });
    }

    /** {@link MultiQueueRecommended} with {@link #QUEUE_SLOTS} slots and q completion queues, q in 1..4. */
    public static DesignEntry queues(int q) {
        return DesignEntry.of(switch (q) {
            case 1 -> Queues1.class;
            case 2 -> Queues2.class;
            case 3 -> Queues3.class;
            case 4 -> Queues4.class;
            default -> throw new IllegalArgumentException("queues must be 1..4, was " + q);
        });
    }

    public static final int QUEUE_SLOTS = 16;

    /** {@link BundledRecommended} with a fixed slot count, so the harnesses can build it without arguments. */
    public abstract static class ChunkedRecommended extends BundledRecommended {
        protected ChunkedRecommended(int slots) {
            super(slots);
        }
    }

    @DriverDesign(name = "bench-slots-8", path = DriverDesign.Path.BUNDLED, summary = "bundled-recommended, 8 slots")
    public static final class Slots8 extends ChunkedRecommended {
        public Slots8() {
            super(8);
        }
    }

    @DriverDesign(name = "bench-slots-16", path = DriverDesign.Path.BUNDLED, summary = "bundled-recommended, 16 slots")
    public static final class Slots16 extends ChunkedRecommended {
        public Slots16() {
            super(16);
        }
    }

    @DriverDesign(name = "bench-slots-32", path = DriverDesign.Path.BUNDLED, summary = "bundled-recommended, 32 slots")
    public static final class Slots32 extends ChunkedRecommended {
        public Slots32() {
            super(32);
        }
    }

    @DriverDesign(name = "bench-slots-64", path = DriverDesign.Path.BUNDLED, summary = "bundled-recommended, 64 slots")
    public static final class Slots64 extends ChunkedRecommended {
        public Slots64() {
            super(64);
        }
    }

    @DriverDesign(name = "bench-slots-128", path = DriverDesign.Path.BUNDLED, summary = "bundled-recommended, 128 slots")
    public static final class Slots128 extends ChunkedRecommended {
        public Slots128() {
            super(128);
        }
    }

    @DriverDesign(name = "bench-slots-256", path = DriverDesign.Path.BUNDLED, summary = "bundled-recommended, 256 slots")
    public static final class Slots256 extends ChunkedRecommended {
        public Slots256() {
            super(256);
        }
    }

    @DriverDesign(name = "bench-queues-1", path = DriverDesign.Path.BUNDLED, summary = "completions on 1 completion queue")
    public static final class Queues1 extends MultiQueueRecommended {
        public Queues1() {
            super(QUEUE_SLOTS, 1);
        }
    }

    @DriverDesign(name = "bench-queues-2", path = DriverDesign.Path.BUNDLED, summary = "completions spread over 2 completion queues")
    public static final class Queues2 extends MultiQueueRecommended {
        public Queues2() {
            super(QUEUE_SLOTS, 2);
        }
    }

    @DriverDesign(name = "bench-queues-3", path = DriverDesign.Path.BUNDLED, summary = "completions spread over 3 completion queues")
    public static final class Queues3 extends MultiQueueRecommended {
        public Queues3() {
            super(QUEUE_SLOTS, 3);
        }
    }

    @DriverDesign(name = "bench-queues-4", path = DriverDesign.Path.BUNDLED, summary = "completions spread over 4 completion queues")
    public static final class Queues4 extends MultiQueueRecommended {
        public Queues4() {
            super(QUEUE_SLOTS, 4);
        }
    }
}
