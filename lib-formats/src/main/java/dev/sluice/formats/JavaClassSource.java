package dev.sluice.formats;

import java.lang.ref.SoftReference;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import dev.sluice.api.codec.AvroWriting;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of one generated class, built up of methods and of constants its constructor takes
 * from an {@code Object[]}, and its compilation by Janino. A class is compiled once per source
 * text and class loader and kept while memory allows (a soft reference: a loader that goes away
 * is not held).
 */
final class JavaClassSource {

    /** The schema needs something the generator does not do exactly as Avro does. */
    static final class NotGenerated extends Exception {
        private static final long serialVersionUID = 1L;

        NotGenerated(String why) {
            super(why, null, false, false);
        }
    }

    /** A class's full name, its source and the values its constructor takes, in order. */
    record Generated(String className, String source, Object[] constants) {}

    /** Writes the source of a class for a record schema in a model, to be compiled under {@code loader}. */
    @FunctionalInterface
    interface Generator {
        Generated generate(Schema record, GenericData data, ClassLoader loader) throws NotGenerated;
    }

    private static final Logger LOG = LoggerFactory.getLogger(JavaClassSource.class);

    static final String PACKAGE = "dev.sluice.formats.generated";
    /** Set to false, Avro's own readers and Sluice's compiled writers do all the work: a way out should generated code misbehave. */
    static final String SWITCH = "sluice.avro.generated";
    private static final Map<ClassLoader, Map<String, SoftReference<Class<?>>>> COMPILED = new WeakHashMap<>();

    private final List<Object> constants = new ArrayList<>();
    private final Map<String, Map<Object, String>> named = new HashMap<>(); // by type, then by identity: the model, a schema used twice
    private final StringBuilder fields = new StringBuilder();
    private final StringBuilder assignments = new StringBuilder();
    private final StringBuilder methods = new StringBuilder();
    private int methodCount;

    /** A field for a value the class needs, of {@code type}; returns its name, the same one for the same object. */
    String constant(String type, Object value) {
        Map<Object, String> ofType = named.computeIfAbsent(type, t -> new IdentityHashMap<>());
        String known = ofType.get(value);
        if (known != null) {
            return known;
        }
        String name = "k" + constants.size();
        ofType.put(value, name);
        fields.append("    private final ").append(type).append(' ').append(name).append(";\n");
        assignments.append("        ").append(name).append(" = (").append(type).append(") k[").append(constants.size()).append("];\n");
        constants.add(value);
        return name;
    }

    /** A name for a method not yet written. */
    String newMethodName() {
        return "m" + methodCount++;
    }

    /** Adds a private method; {@code signature} is what follows the name, {@code body} its statements. */
    void method(String returns, String name, String signature, String body) {
        methods.append("\n    private ").append(returns).append(' ').append(name).append(signature).append(" {\n        ")
                .append(body.strip().replace("\n", "\n        ")).append("\n    }\n");
    }

    /** The whole class, implementing {@code body}, its public methods {@code entry}. */
    Generated assemble(String simpleName, Class<?> body, String entry) {
        String name = "Generated" + simpleName.replaceAll("[^A-Za-z0-9_]", "_");
        String text = "package " + PACKAGE + ";\n\npublic final class " + name + " implements " + body.getCanonicalName() + " {\n"
                + fields + "    public " + name + "(Object[] k) {\n" + assignments + "    }\n\n" + entry + methods + "}\n";
        return new Generated(PACKAGE + "." + name, text, constants.toArray());
    }

    /**
     * An instance of the class {@code generator} writes for {@code record}, implementing {@code body};
     * null where the model's own {@code what} ("reader", "writer") must do the work: a model other
     * than Avro's stock generic and specific ones, a type not generated, or a fault of the
     * generator's, which is logged (the data is read or written correctly all the same).
     */
    static <B> B build(Class<B> body, Schema record, GenericData data, Generator generator, String what) {
        boolean stock = data.getClass() == GenericData.class || data.getClass() == SpecificData.class;
        boolean enabled = Boolean.parseBoolean(System.getProperty(SWITCH, System.getenv().getOrDefault("SLUICE_AVRO_GENERATED", "true")));
        if (!enabled || !stock || record.getType() != Schema.Type.RECORD || record.getLogicalType() != null) {
            return null;
        }
        ClassLoader loader = loader(record, data);
        if (!sees(loader, body)) {
            LOG.debug("Avro's {} for {}: classes compiled under {} would not see Sluice", what, record.getFullName(), loader);
            return null;
        }
        try {
            return body.cast(instantiate(loader, generator.generate(record, data, loader)));
        } catch (NotGenerated e) {
            LOG.debug("Avro's {} for {}: {}", what, record.getFullName(), e.getMessage());
        } catch (CompileException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn("could not compile a {} for {}; Avro's {} is used: {}", what, record.getFullName(), what, e.toString());
        }
        return null;
    }

    /**
     * Where the class is compiled: for specific records, the loader of the record's own class (the
     * model's loader is often Avro's, which sees neither the records nor Sluice where those come in a
     * user's jar); for generic ones, this module's.
     */
    private static ClassLoader loader(Schema record, GenericData data) {
        if (data instanceof SpecificData specific) {
            Class<?> type = specific.getClass(record);
            return type != null && type.getClassLoader() != null ? type.getClassLoader() : data.getClassLoader();
        }
        return JavaClassSource.class.getClassLoader();
    }

    /** An instance of the generated class, compiled under {@code loader} (or taken from the cache). */
    private static Object instantiate(ClassLoader loader, Generated generated) throws CompileException, ReflectiveOperationException {
        Class<?> type;
        synchronized (COMPILED) {
            Map<String, SoftReference<Class<?>>> known = COMPILED.computeIfAbsent(loader, k -> new HashMap<>());
            SoftReference<Class<?>> ref = known.get(generated.source());
            type = ref != null ? ref.get() : null;
            if (type == null) {
                SimpleCompiler compiler = new SimpleCompiler();
                compiler.setParentClassLoader(loader);
                compiler.cook(generated.source());
                type = compiler.getClassLoader().loadClass(generated.className());
                if (known.size() >= 256) { // a consumer of many schemas: drop what memory pressure already took
                    known.values().removeIf(r -> r.get() == null);
                }
                known.put(generated.source(), new SoftReference<>(type));
            }
        }
        return type.getConstructor(Object[].class).newInstance((Object) generated.constants());
    }

    /** Whether classes compiled under {@code loader} see {@code body}, Sluice's API and Avro as this module does. */
    static boolean sees(ClassLoader loader, Class<?> body) {
        try {
            return loader != null && Class.forName(body.getName(), false, loader) == body
                    && Class.forName(AvroWriting.class.getName(), false, loader) == AvroWriting.class
                    && Class.forName(Schema.class.getName(), false, loader) == Schema.class;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * The record's generated class as SpecificData would use it: public, in a package, one that
     * {@code loader} resolves to the same class, and not built from its schema
     * ({@code SchemaConstructable}); a generic record where SpecificData would make one is refused.
     */
    static Class<?> generatedClass(SpecificData data, Schema s, ClassLoader loader) throws NotGenerated {
        Class<?> type = data.getClass(s);
        if (type == null || !SpecificRecordBase.class.isAssignableFrom(type) || type.getCanonicalName() == null
                || type.getPackageName().isEmpty() || SpecificData.SchemaConstructable.class.isAssignableFrom(type)) {
            throw new NotGenerated("no generated class for " + s.getFullName() + " that code can name");
        }
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                throw new NotGenerated(type.getName() + " is not public");
            }
        }
        try {
            if (Class.forName(type.getName(), false, loader) != type) {
                throw new NotGenerated(type.getName() + " is another class under " + loader);
            }
        } catch (ClassNotFoundException e) {
            throw new NotGenerated(type.getName() + " is not visible from " + loader);
        }
        return type;
    }

    /**
     * An instance made through the public no-argument constructor the generated code calls. Avro's
     * reader reads into what a new record already holds in a field (a list, a buffer, a nested
     * record): a class whose constructor fills such a field is refused, so that the values stay Avro's.
     */
    static SpecificRecordBase sample(Class<?> type, Schema s) throws NotGenerated {
        SpecificRecordBase sample;
        try {
            sample = (SpecificRecordBase) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new NotGenerated(type.getName() + " has no public no-argument constructor");
        }
        for (Schema.Field f : s.getFields()) {
            Object preset = sample.get(f.pos());
            if (preset != null && !(preset instanceof Number) && !(preset instanceof Boolean)) {
                throw new NotGenerated(type.getName() + "'s constructor sets " + f.name());
            }
        }
        return sample;
    }
}
