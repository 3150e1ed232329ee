package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Shim of Stapler's {@code @AncestorInPath}: the parameter receives the nearest object of its
 * type on the request's URL path (e.g. the job whose configuration page is open), or null. The
 * real one is meta-annotated {@code @InjectedParameter(AncestorInPath.HandlerImpl.class)}, left
 * out here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface AncestorInPath {
}
