package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Shim of {@code org.jenkinsci.Symbol} (artifact org.jenkins-ci:symbol-annotation). The real one is
 * meta-annotated {@code @org.jvnet.hudson.annotation_indexer.Indexed}, left out here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
