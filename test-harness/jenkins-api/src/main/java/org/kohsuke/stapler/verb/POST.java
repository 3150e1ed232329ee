package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Shim of Stapler's {@code @POST}; the real one is meta-annotated
 * {@code @InterceptorAnnotation(value = HttpVerbInterceptor.class, stage = Stage.SELECTION)}, left out here.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {
}
