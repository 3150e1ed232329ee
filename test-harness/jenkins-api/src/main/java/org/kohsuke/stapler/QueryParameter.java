package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Shim of Stapler's {@code @QueryParameter}; the real one is meta-annotated
 * {@code @InjectedParameter(QueryParameter.HandlerImpl.class)}, left out here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface QueryParameter {
    String value() default "";

    boolean required() default false;

    boolean fixEmpty() default false;
}
