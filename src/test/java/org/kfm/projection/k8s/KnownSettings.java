package org.kfm.projection.k8s;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.kfm.projection.config.KfmConfig;

/**
 * The one list of environment variables a manifest may set. Three sources, so that a setting the
 * service adds is known without touching the tests:
 * <ol>
 *   <li>every leaf of {@link KfmConfig} (a {@code @ConfigMapping}), named as SmallRye Config maps
 *       environment variables: {@code kfm.ops-schema} is {@code KFM_OPS_SCHEMA};</li>
 *   <li>every key of {@code application.properties} (profile prefix dropped);</li>
 *   <li>{@code src/test/resources/k8s/known-settings.txt}: Quarkus, MicroProfile and AWS names
 *       and settings announced but not mapped yet, with flags such as {@code non-secret}.</li>
 * </ol>
 */
final class KnownSettings {
    static final String LIST = "k8s/known-settings.txt";

    /** A known variable, the property or reader behind it, and whether a literal value is harmless. */
    record Setting(String env, String property, String source, boolean nonSecret) {
    }

    private final Map<String, Setting> byEnv;

    private KnownSettings(Map<String, Setting> byEnv) {
        this.byEnv = byEnv;
    }

    static KnownSettings load() {
        Map<String, Setting> all = new TreeMap<>();
        fromMapping(KfmConfig.class, KfmConfig.class.getAnnotation(ConfigMapping.class).prefix(), all);
        fromApplicationProperties(all);
        fromList(all);
        return new KnownSettings(all);
    }

    boolean isKnown(String env) {
        return byEnv.containsKey(env);
    }

    Optional<Setting> get(String env) {
        return Optional.ofNullable(byEnv.get(env));
    }

    Collection<Setting> all() {
        return byEnv.values();
    }

    /** SmallRye Config's environment name of a property: non-alphanumerics become '_', upper case. */
    static String envName(String property) {
        StringBuilder b = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toUpperCase(c) : '_');
        }
        return b.toString();
    }

    private static void fromMapping(Class<?> type, String prefix, Map<String, Setting> out) {
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isDefault() || m.getParameterCount() != 0) {
                continue;
            }
            String property = m.isAnnotationPresent(WithParentName.class) ? prefix
                    : prefix + "." + (m.isAnnotationPresent(WithName.class) ? m.getAnnotation(WithName.class).value()
                    : kebab(m.getName()));
            Class<?> group = group(m.getGenericReturnType());
            if (group != null) {
                fromMapping(group, property, out);
            } else if (Map.class.isAssignableFrom(m.getReturnType())) {
                throw new IllegalStateException(type.getName() + "." + m.getName() + " is a Map: teach "
                        + "KnownSettings which variables it accepts");
            } else {
                add(out, new Setting(envName(property), property, type.getSimpleName(), false));
            }
        }
    }

    /** The config group interface behind a return type (Optional<Group> included), or null for a leaf. */
    private static Class<?> group(Type t) {
        if (t instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return group(p.getActualTypeArguments()[0]);
        }
        if (t instanceof Class<?> c && c.isInterface() && !c.getName().startsWith("java.")) {
            return c;
        }
        return null;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static void fromApplicationProperties(Map<String, Setting> out) {
        Properties p = new Properties();
        try (InputStream in = resource("application.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : p.stringPropertyNames()) {
            String property = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            add(out, new Setting(envName(property), property, "application.properties", false));
        }
    }

    private static void fromList(Map<String, Setting> out) {
        String text;
        try (InputStream in = resource(LIST)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\\s+");
            if (f.length < 2 || !f[0].matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalStateException(LIST + ":" + lineNo + ": expected 'NAME property [non-secret]', got '"
                        + l + "'");
            }
            boolean nonSecret = false;
            for (int i = 2; i < f.length; i++) {
                if (!f[i].equals("non-secret")) {
                    throw new IllegalStateException(LIST + ":" + lineNo + ": unknown flag '" + f[i] + "'");
                }
                nonSecret = true;
            }
            add(out, new Setting(f[0], f[1], LIST, nonSecret));
        }
    }

    private static void add(Map<String, Setting> out, Setting s) {
        // the list may flag a derived name (non-secret); a flag is never lost to a later source
        out.merge(s.env(), s, (a, b) -> new Setting(a.env(), a.property(), a.source(), a.nonSecret() || b.nonSecret()));
    }

    private static InputStream resource(String name) {
        InputStream in = KnownSettings.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the test classpath");
        }
        return in;
    }
}
