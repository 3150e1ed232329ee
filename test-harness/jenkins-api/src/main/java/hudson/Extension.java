package hudson;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Shim of {@code hudson.Extension}. The real annotation is {@code @net.java.sezpoz.Indexable}, which
 * makes javac write the extension index; the shim build has no Jenkins to read that index, so the
 * meta-annotation is left out (the real .hpi build compiles against the real annotation).
 * {@code dynamicLoadable} (of type jenkins.YesNoMaybe) is left out: influx-forecast does not set it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
@Documented
public @interface Extension {
    double ordinal() default 0;

    @Deprecated
    boolean optional() default false;
}
