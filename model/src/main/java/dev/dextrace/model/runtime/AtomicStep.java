package dev.dextrace.model.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A step of the model that a systematic engine may run as one step, with a switch point before it
 * (as before a protocol event): bookkeeping whose insides no other thread can observe anything new
 * in, which runs no driver code of its own. On a type: every declared method of it. Engines find
 * these by reflection ({@link AtomicSteps}); the model declares them once, next to the code.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AtomicStep {
    /** Why the step is atomic: in one line, what it does that no other thread could interleave with. */
    String value();
}
