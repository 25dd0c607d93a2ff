package dev.dextrace.model.driver;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code QUEUENAME(X)} from the .iig: the framework calls this method on the queue registered under
 * X with {@code SetDispatchQueue}, and on Default until then. On a Process method it breaks Q-1.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface QUEUENAME {
    String value();
}
