package io.jenkins.plugins.influxforecast.library;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges a pod manifest from forecasts.yaml into the library's default pod the way the Kubernetes
 * plugin's {@code yamlMergeStrategy: merge()} combines a child pod with its parent
 * ({@code PodTemplateUtils.combine(Pod, Pod)} and {@code combine(Container, Container)} in
 * jenkinsci/kubernetes-plugin):
 * <ul>
 * <li>metadata: labels and annotations merged key by key, the child's value winning;</li>
 * <li>spec.nodeSelector merged key by key; tolerations appended to the parent's; imagePullSecrets
 * joined without duplicates; volumes merged by name;</li>
 * <li>containers and initContainers merged by name, in the parent's order, new ones after it; in a
 * container: resources.requests and resources.limits merged per resource, env merged by name,
 * volumeMounts by mountPath, envFrom appended, securityContext merged field by field;</li>
 * <li>spec.securityContext merged field by field.</li>
 * </ul>
 * One deliberate difference: the plugin's merge keeps only the parent's value of the pod and
 * container fields it does not list (affinity, priorityClassName, automountServiceAccountToken,
 * probes, the security context's fsGroup...), silently dropping the child's; here the child's value
 * of any other field replaces the parent's, so nothing written in forecasts.yaml is lost.
 */
final class PodMerge {

    /** Keys of {@code spec} merged as lists of named items. */
    private static final Set<String> NAMED_CONTAINER_LISTS = Set.of("containers", "initContainers");

    private PodMerge() {
    }

    /** The merged pod; neither argument is changed. */
    static Map<String, Object> pod(Map<String, Object> parent, Map<String, Object> child) {
        Map<String, Object> out = copy(parent);
        for (Map.Entry<String, Object> e : child.entrySet()) {
            String key = e.getKey();
            Object c = e.getValue();
            Object p = out.get(key);
            if (key.equals("metadata") && p instanceof Map<?, ?> pm && c instanceof Map<?, ?> cm) {
                out.put(key, metadata(map(pm), map(cm)));
            } else if (key.equals("spec") && p instanceof Map<?, ?> pm && c instanceof Map<?, ?> cm) {
                out.put(key, spec(map(pm), map(cm)));
            } else {
                out.put(key, deepCopy(c));
            }
        }
        return out;
    }

    private static Map<String, Object> metadata(Map<String, Object> parent, Map<String, Object> child) {
        Map<String, Object> out = copy(parent);
        for (Map.Entry<String, Object> e : child.entrySet()) {
            if ((e.getKey().equals("labels") || e.getKey().equals("annotations"))) {
                out.put(e.getKey(), mergeMaps(out.get(e.getKey()), e.getValue()));
            } else {
                out.put(e.getKey(), deepCopy(e.getValue()));
            }
        }
        return out;
    }

    private static Map<String, Object> spec(Map<String, Object> parent, Map<String, Object> child) {
        Map<String, Object> out = copy(parent);
        for (Map.Entry<String, Object> e : child.entrySet()) {
            String key = e.getKey();
            Object p = out.get(key);
            Object c = e.getValue();
            if (key.equals("nodeSelector") || key.equals("securityContext")) {
                out.put(key, mergeMaps(p, c));
            } else if (NAMED_CONTAINER_LISTS.contains(key) && p instanceof List<?> pl && c instanceof List<?> cl) {
                out.put(key, byKey(pl, cl, "name", PodMerge::container));
            } else if (key.equals("volumes") && p instanceof List<?> pl && c instanceof List<?> cl) {
                out.put(key, byKey(pl, cl, "name", (a, b) -> copy(b)));
            } else if (key.equals("tolerations") && p instanceof List<?> pl && c instanceof List<?> cl) {
                List<Object> all = new ArrayList<>(deepCopy(pl));
                all.addAll(deepCopy(cl));
                out.put(key, all);
            } else if (key.equals("imagePullSecrets") && p instanceof List<?> pl && c instanceof List<?> cl) {
                List<Object> all = new ArrayList<>(deepCopy(pl));
                for (Object o : cl) {
                    if (!all.contains(o)) {
                        all.add(deepCopy(o));
                    }
                }
                out.put(key, all);
            } else {
                out.put(key, deepCopy(c));
            }
        }
        return out;
    }

    private static Map<String, Object> container(Map<String, Object> parent, Map<String, Object> child) {
        Map<String, Object> out = copy(parent);
        for (Map.Entry<String, Object> e : child.entrySet()) {
            String key = e.getKey();
            Object p = out.get(key);
            Object c = e.getValue();
            if (key.equals("resources") && p instanceof Map<?, ?> pm && c instanceof Map<?, ?> cm) {
                Map<String, Object> r = copy(map(pm));
                for (Map.Entry<String, Object> re : map(cm).entrySet()) {
                    if (re.getKey().equals("requests") || re.getKey().equals("limits")) {
                        r.put(re.getKey(), mergeMaps(r.get(re.getKey()), re.getValue()));
                    } else {
                        r.put(re.getKey(), deepCopy(re.getValue()));
                    }
                }
                out.put(key, r);
            } else if (key.equals("env") && p instanceof List<?> pl && c instanceof List<?> cl) {
                out.put(key, byKey(pl, cl, "name", (a, b) -> copy(b)));
            } else if (key.equals("volumeMounts") && p instanceof List<?> pl && c instanceof List<?> cl) {
                out.put(key, byKey(pl, cl, "mountPath", (a, b) -> copy(b)));
            } else if (key.equals("envFrom") && p instanceof List<?> pl && c instanceof List<?> cl) {
                List<Object> all = new ArrayList<>(deepCopy(pl));
                all.addAll(deepCopy(cl));
                out.put(key, all);
            } else if (key.equals("securityContext")) {
                out.put(key, mergeMaps(p, c));
            } else {
                out.put(key, deepCopy(c));
            }
        }
        return out;
    }

    /** Items matched by {@code key}: the parent's in order (merged with the child's of the same key), then the child's new ones. */
    private static List<Object> byKey(List<?> parent, List<?> child, String key,
            java.util.function.BinaryOperator<Map<String, Object>> merge) {
        Map<Object, Object> merged = new LinkedHashMap<>();
        List<Object> unkeyed = new ArrayList<>();
        for (Object o : parent) {
            if (o instanceof Map<?, ?> m && m.get(key) != null) {
                merged.put(m.get(key), deepCopy(o));
            } else {
                unkeyed.add(deepCopy(o));
            }
        }
        for (Object o : child) {
            if (o instanceof Map<?, ?> m && m.get(key) != null) {
                Object old = merged.get(m.get(key));
                merged.put(m.get(key), old instanceof Map<?, ?> om ? merge.apply(map(om), map(m)) : deepCopy(o));
            } else {
                unkeyed.add(deepCopy(o));
            }
        }
        List<Object> out = new ArrayList<>(merged.values());
        out.addAll(unkeyed);
        return out;
    }

    private static Object mergeMaps(Object parent, Object child) {
        if (parent instanceof Map<?, ?> p && child instanceof Map<?, ?> c) {
            Map<String, Object> out = copy(map(p));
            out.putAll(deepCopy(map(c)));
            return out;
        }
        return deepCopy(child);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static Map<String, Object> copy(Map<String, Object> m) {
        return deepCopy(m);
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }
}
