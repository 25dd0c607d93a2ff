package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.Subject;
import dev.dextrace.model.runtime.AtomicStep;
import dev.dextrace.model.runtime.ExecutionContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code BundledParallelTaskCompletion}: the kernel's checks of a completed bundle (ownership and
 * version, SLOT-4, CMP-1; the response, SLOT-6, SLOT-7) in the same step as its COMPLETE event, then
 * the slots going back to the pool, in the caller or on the kernel's thread.
 */
final class BundledCompletion {
    private final SlotPool pool;
    private final DriverKit dk;
    private final KernelWorkLoop kernel;
    private final Runnable issueMore;
    private final Resends resends;

    /**
     * @param issueMore issues what waits for the slots a completion frees
     * @param resends   takes a command answered TASK_SET_FULL back in line
     */
    BundledCompletion(SlotPool pool, KernelWorkLoop kernel, Runnable issueMore, Resends resends) {
        this.pool = pool;
        this.dk = pool.dk;
        this.kernel = kernel;
        this.issueMore = issueMore;
        this.resends = resends;
    }

    /** {@code BundledParallelTaskCompletion(action, indices[32], count)} from the dext. */
    @AtomicStep("one COMPLETE event and its checks under the kernel lock; issuing more only queues blocks")
    void complete(OSAction completion, int[] indices, int count) {
        if (completion == null) {
            throw new IllegalArgumentException("completion must not be null: pass the OSAction Process delivered");
        }
        if (!pool.bundled) {
            throw new IllegalStateException("BundledParallelTaskCompletion needs the bundled path; this dext did not map the buffers");
        }
        int[] listed = wellFormed(completion, indices, count);
        if (listed.length == 0) {
            return;
        }
        int n = listed.length;
        List<Slot> late = new ArrayList<>();
        List<Slot> toReturn = dk.eventAndApply(pool.lock, new Payload.Complete(Arrays.stream(listed, 0, n).boxed().toList(),
                n == 1 && pool.slots[listed[0]].generation > 0 ? OptionalInt.of(pool.slots[listed[0]].generation) : OptionalInt.empty(),
                completion.label()),
                e -> {
                    completion.checkCompletion(e, OSAction.Type.BundledParallelTaskCompletion, "BundledParallelTaskCompletion");
                    return classify(listed, e, completion, late);
                });
        settle(toReturn, late, completion);
    }

    /**
     * The entries the kernel acts on. A malformed list is the dext's mistake, not a crash of its handler:
     * a count outside 1..32, fewer entries than the count or an index that is no slot is filed (SLOT-4,
     * a completion of slots the dext does not own) and the bad part dropped, as the kernel would; a slot
     * listed twice is completed twice, which {@link #classify} files (SLOT-4). A null list is a null
     * pointer: the dext's crash (EXC-1).
     */
    private int[] wellFormed(OSAction completion, int[] indices, int count) {
        if (indices == null) {
            throw new IllegalArgumentException("parallelResponseSlotIndices must not be null");
        }
        List<String> wrong = new ArrayList<>();
        int n = count;
        if (count < 1 || count > SlotIndexArray.kMaxBundledParallelTasks) {
            wrong.add("count " + count + " is outside 1.." + SlotIndexArray.kMaxBundledParallelTasks);
            n = Math.max(0, Math.min(count, SlotIndexArray.kMaxBundledParallelTasks));
        }
        if (indices.length < n) {
            wrong.add("the list holds " + indices.length + " entries, fewer than its count " + count);
            n = indices.length;
        }
        int[] kept = Arrays.stream(indices, 0, n).filter(v -> v >= 0 && v < pool.slots.length).toArray();
        if (kept.length < n) {
            wrong.add("entries " + Arrays.toString(Arrays.stream(indices, 0, n).filter(v -> v < 0 || v >= pool.slots.length).toArray())
                    + " are no slot (N = " + pool.slots.length + ")");
        }
        if (!wrong.isEmpty()) {
            ProtocolEvent e = dk.event(new Payload.Dropped(Subject.action(completion.label()), "malformed BundledParallelTaskCompletion: "
                    + String.join("; ", wrong) + ": the bad entries are dropped"));
            dk.monitor().violate(Rule.SLOT_4, "BundledParallelTaskCompletion through " + completion.label() + " is malformed: "
                    + String.join("; ", wrong), Subject.action(completion.label()), e);
        }
        return kept;
    }

    /**
     * Under the kernel lock, in the same step as the COMPLETE event: ownership (SLOT-4, CMP-1), then
     * response checks (SLOT-6, SLOT-7). Returns the slots to give back; late ones go to {@code late}.
     */
    List<Slot> classify(int[] listed, ProtocolEvent e, OSAction completion, List<Slot> late) {
        List<Slot> accepted = new ArrayList<>();
        ExecutionContext ctx = ExecutionContext.current();
        for (int i : listed) {
            Slot s = pool.slots[i];
            int gen = s.generation;
            OptionalInt known = ctx.knownSlotGeneration(i).stream().filter(g -> g > 0).findFirst(); // gen 0: never issued
            if (known.isPresent() && known.getAsInt() != gen && s.ownedByDext) {
                dk.monitor().violate(s.timedOutGeneration == known.getAsInt() || s.abortedGeneration == known.getAsInt() ? Rule.CMP_1 : Rule.SLOT_4, "slot " + i
                        + " completed by code that knew gen " + known.getAsInt() + ", but the slot is now gen " + gen
                        + ": the completion is credited to the wrong I/O", Subject.slot(i, gen).withAction(completion.label()), e);
            } else if (!s.ownedByDext) {
                if (gen > 0 && s.abortedGeneration == gen) {
                    dk.monitor().violate(Rule.CMP_1, "slot " + i + " gen " + gen + " completed after the dext answered its abort"
                            + " FUNCTION_COMPLETE, which completed it already: a double completion", Subject.slot(i, gen).withAction(completion.label()), e);
                } else if (gen > 0 && s.timedOutGeneration == gen) {
                    late.add(s); // [code] logged and dropped: the dext cannot know the kernel gave up
                } else {
                    dk.monitor().violate(Rule.SLOT_4, "slot " + i + " is not the dext's: "
                            + (gen == 0 ? "never issued" : "gen " + gen + " was already returned"), Subject.slot(i, gen).withAction(completion.label()), e);
                }
            } else if (s.deliveredGeneration != gen) {
                boolean kernelEndedIt = s.timedOutGeneration == s.deliveredGeneration || s.abortedGeneration == s.deliveredGeneration;
                dk.monitor().violate(kernelEndedIt && s.deliveredGeneration > 0 ? Rule.CMP_1 : Rule.SLOT_4,
                        "slot " + i + " was reissued as gen " + gen + " and not yet delivered: this completion is for the old I/O"
                                + " but would be credited to the new one", Subject.slot(i, gen).withAction(completion.label()), e);
            } else if (s.dextCompletedGeneration == gen) {
                dk.monitor().violate(Rule.SLOT_4, "slot " + i + " gen " + gen + " completed twice", Subject.slot(i, gen).withAction(completion.label()), e);
            } else {
                s.dextCompletedGeneration = gen;
                accepted.add(s);
            }
        }
        List<Slot> toReturn = new ArrayList<>();
        for (Slot s : accepted) {
            if (checkResponse(s, e, completion)) {
                toReturn.add(s);
            }
        }
        return toReturn;
    }

    /** After the step: log late completions, then give the slots back (now, or on the kernel's thread). */
    void settle(List<Slot> toReturn, List<Slot> late, OSAction completion) {
        for (Slot s : late) {
            dk.event(new Payload.Dropped(Subject.slot(s.index, s.generation).withAction(completion.label()), "late Complete(" + s.index
                    + ") after the kernel's timeout: logged and dropped"));
        }
        if (toReturn.isEmpty()) {
            return;
        }
        if (pool.config.completionProcessing() == FrameworkConfig.CompletionProcessing.IN_CALLER) {
            returnSlots(toReturn);
        } else {
            kernel.post("process Complete", () -> returnSlots(toReturn));
        }
    }

    /** SLOT-6 (version, task ID, target) and SLOT-7 (every field written); false if the completion is dropped. */
    private boolean checkResponse(Slot s, ProtocolEvent e, OSAction completion) {
        ResponseData r = s.response;
        TaskData c = s.command;
        int gen = s.generation;
        if (r.version != SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1) {
            dk.monitor().violate(Rule.SLOT_6, "response slot " + s.index + " has version " + r.version
                    + ", not 1: the framework silently drops the completion", Subject.slot(s.index, gen).withAction(completion.label()), e);
            return false;
        }
        if (r.fControllerTaskIdentifier != c.fControllerTaskIdentifier() || r.fTargetID != c.fTargetID()) {
            dk.monitor().violate(Rule.SLOT_6, "response slot " + s.index + " answers task 0x" + Long.toHexString(r.fControllerTaskIdentifier)
                    + " target " + r.fTargetID + ", but command slot " + s.index + " holds task 0x"
                    + Long.toHexString(c.fControllerTaskIdentifier()) + " target " + c.fTargetID(), Subject.slot(s.index, gen).withAction(completion.label()), e);
            return true;
        }
        int missing = ResponseData.REQUIRED & ~r.written;
        if (missing != 0) {
            dk.monitor().violate(Rule.SLOT_7, "response slot " + s.index + " completed before "
                    + ResponseData.names(missing) + " were written", Subject.slot(s.index, gen).withAction(completion.label()), e);
        }
        return true;
    }

    private void returnSlots(List<Slot> done) {
        for (Slot s : done) {
            int gen = s.generation;
            TaskData command = s.command; // the slot is still the dext's: nobody reissues it before it is back
            int status = s.response.fCompletionStatus;
            int service = s.response.fServiceResponse;
            boolean back = dk.eventAndApply(pool.lock, new Payload.Returned(Payload.Unit.SLOT, s.index, gen, Optional.empty()),
                    e -> {
                        boolean mine = s.ownedByDext && s.generation == gen;
                        if (mine) {
                            s.ownedByDext = false;
                        }
                        return mine;
                    });
            if (back) {
                pool.outstanding.decrementAndGet();
                resends.offer(command, status, service);
            }
        }
        issueMore.run();
    }
}
