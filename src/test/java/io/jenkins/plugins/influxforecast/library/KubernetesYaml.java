package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Pod YAML read into the fabric8 Kubernetes model, strictly: a field the model does not know (a
 * typo such as {@code nodeSelecter}) lands in an object's additional properties, and this fails.
 */
final class KubernetesYaml {

    private KubernetesYaml() {
    }

    static Pod pod(String yaml) {
        Pod pod = Serialization.unmarshal(yaml, Pod.class);
        assertThat(pod.getApiVersion()).isEqualTo("v1");
        assertThat(pod.getKind()).isEqualTo("Pod");
        assertThat(pod.getSpec()).as("spec").isNotNull();
        assertNoUnknownFields(pod, "pod", java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return pod;
    }

    static Container container(Pod pod, String name) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in " + pod.getSpec().getContainers()));
    }

    private static void assertNoUnknownFields(Object o, String path, Set<Object> seen) {
        if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model") || !seen.add(o)) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getName().equals("getClass")) {
                continue;
            }
            Object v;
            try {
                v = m.invoke(o);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String field = path + "." + m.getName().substring(3);
            if (m.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) v).as("unknown fields at " + path).isEmpty();
            } else if (v instanceof Collection<?> c) {
                int i = 0;
                for (Object item : c) {
                    assertNoUnknownFields(item, field + "[" + i++ + "]", seen);
                }
            } else if (v instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    assertNoUnknownFields(e.getValue(), field + "[" + e.getKey() + "]", seen);
                }
            } else {
                assertNoUnknownFields(v, field, seen);
            }
        }
    }
}
