package ru.getmark.support.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.infra.TopicCatalog;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Structural checks of the Kubernetes manifests in {@code deploy/k8s}. There is no cluster and no Docker on the build
 * machines, so nothing here applies the manifests: this test parses every YAML document and holds them to what the
 * rest of the product assumes — the topics of {@link Topics} with the partitions and retention of
 * {@link TopicCatalog}, health probes where Quarkus serves them, Kafka and the databases wired the way the Strimzi and
 * CloudNativePG resources name them, no secret in the repository, pinned images, and kustomizations that point at
 * files that exist.
 */
class KubernetesManifestsTest {

    /** The six services: Maven module = Deployment = Service = container name. */
    private static final List<String> SERVICES = List.of("ticket-service", "notifier", "intake-phone", "intake-email",
            "intake-telegram", "intake-whatsapp");
    /** Services with a staff API (HTTP Basic accounts from a Secret). */
    private static final List<String> STAFF_SERVICES = List.of("ticket-service", "intake-phone", "intake-email",
            "intake-telegram", "intake-whatsapp");
    /** Topics that consumers read, and so have a dead-letter topic (intake-rejected is only read by ops). */
    private static final List<String> TOPICS_WITH_DLQ = List.of(Topics.INTAKE, Topics.TICKET_EVENTS,
            Topics.CHANNEL_OUTBOUND);
    private static final int CONTAINER_PORT = 8080;
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([a-z0-9.-]+):5432/([a-z0-9_]+)");

    private static Path home;
    private static Path k8s;
    /** Every YAML document under deploy/k8s. */
    private static List<Manifest> documents;
    /** The documents that kustomize applies as resources (all but the overlays' patches). */
    private static List<Manifest> manifests;

    /** One YAML document and the file it came from. */
    record Manifest(Path file, Map<String, Object> doc) {

        String kind() {
            return str(doc.get("kind"));
        }

        String name() {
            return str(at(doc, "metadata", "name"));
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file.getFileName() + ")";
        }
    }

    @BeforeAll
    static void load() throws IOException {
        String property = System.getProperty("getmark.home");
        home = (property != null ? Path.of(property) : Path.of("../..")).toAbsolutePath().normalize();
        k8s = home.resolve("deploy/k8s");
        assertThat(k8s).as("deploy/k8s under the project home %s (system property getmark.home)", home)
                .isDirectory();
        documents = new ArrayList<>();
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));   // safe: plain maps, lists and scalars only
        for (Path file : yamlFiles()) {
            try (Reader reader = Files.newBufferedReader(file)) {
                for (Object doc : yaml.loadAll(reader)) {
                    if (doc == null) {
                        continue;
                    }
                    assertThat(doc).as("a YAML document of %s", k8s.relativize(file)).isInstanceOf(Map.class);
                    documents.add(new Manifest(file, map(doc)));
                }
            }
        }
        Set<Path> patchFiles = new HashSet<>();
        documents.stream().filter(doc -> "Kustomization".equals(doc.kind())).forEach(kustomization ->
                patchPaths(kustomization).forEach(path -> patchFiles.add(
                        kustomization.file().getParent().resolve(path).normalize())));
        manifests = documents.stream().filter(doc -> !patchFiles.contains(doc.file())).toList();
    }

    @Test
    @DisplayName("the manifests declare Kafka, PostgreSQL and the six services")
    void manifestsAreThere() {
        assertThat(manifests).extracting(Manifest::kind).contains("Namespace", "Kafka", "KafkaNodePool",
                "KafkaTopic", "Cluster", "Deployment", "Service", "PodDisruptionBudget", "Ingress");
        assertThat(names("Deployment")).as("Deployments").containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(names("Service")).as("Services").containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(names("PodDisruptionBudget")).as("PodDisruptionBudgets").containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    @DisplayName("KafkaTopics are exactly the topics of Topics plus the dead-letter topics of the consumed ones")
    void kafkaTopicsAreTheProductsTopics() throws IllegalAccessException {
        Set<String> named = new HashSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                named.add((String) field.get(null));
            }
        }
        assertThat(named).as("topic constants of Topics")
                .contains(Topics.INTAKE, Topics.INTAKE_REJECTED, Topics.TICKET_EVENTS, Topics.CHANNEL_OUTBOUND);
        Set<String> expected = new HashSet<>(named);
        TOPICS_WITH_DLQ.forEach(topic -> expected.add(Topics.dlq(topic)));

        List<String> declared = of("KafkaTopic").map(KubernetesManifestsTest::topicName).toList();
        assertThat(declared).as("KafkaTopic names (each once)").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @DisplayName("KafkaTopics have the partitions and retention of TopicCatalog, 3 replicas and min ISR 2")
    void kafkaTopicsMatchTheTopicCatalog() {
        assertThat(of("KafkaTopic").map(KubernetesManifestsTest::topicName))
                .containsExactlyInAnyOrderElementsOf(TopicCatalog.all().stream().map(TopicCatalog.TopicSpec::name)
                        .toList());
        String kafka = single("Kafka").name();
        of("KafkaTopic").forEach(topic -> {
            TopicCatalog.TopicSpec spec = TopicCatalog.of(topicName(topic));
            assertThat(number(at(topic.doc(), "spec", "partitions"))).as("partitions of %s", topic)
                    .isEqualTo(spec.partitions());
            assertThat(number(at(topic.doc(), "spec", "config", "retention.ms"))).as("retention.ms of %s", topic)
                    .isEqualTo(spec.retentionMs());
            assertThat(number(at(topic.doc(), "spec", "replicas"))).as("replicas of %s", topic).isEqualTo(3L);
            assertThat(number(at(topic.doc(), "spec", "config", "min.insync.replicas")))
                    .as("min.insync.replicas of %s", topic).isEqualTo(2L);
            assertThat(at(topic.doc(), "metadata", "labels", "strimzi.io/cluster"))
                    .as("strimzi.io/cluster label of %s", topic).isEqualTo(kafka);
        });
    }

    @Test
    @DisplayName("Kafka runs in KRaft mode on 3 combined nodes and never creates a topic by itself")
    void kafkaClusterIsKraftWithoutAutoCreation() {
        Manifest kafka = single("Kafka");
        Map<String, Object> config = map(at(kafka.doc(), "spec", "kafka", "config"));
        assertThat(config.get("auto.create.topics.enable")).as("auto.create.topics.enable").isEqualTo(false);
        assertThat(number(config.get("min.insync.replicas"))).as("min.insync.replicas").isEqualTo(2L);
        assertThat(number(config.get("default.replication.factor"))).as("default.replication.factor").isEqualTo(3L);
        assertThat(at(kafka.doc(), "spec", "zookeeper")).as("ZooKeeper section").isNull();

        Manifest pool = single("KafkaNodePool");
        assertThat(at(pool.doc(), "metadata", "labels", "strimzi.io/cluster")).as("pool's cluster")
                .isEqualTo(kafka.name());
        assertThat(list(at(pool.doc(), "spec", "roles"))).as("pool roles")
                .containsExactlyInAnyOrder("controller", "broker");
        assertThat(number(at(pool.doc(), "spec", "replicas"))).as("pool replicas").isEqualTo(3L);
    }

    @Test
    @DisplayName("each service's Deployment has startup, readiness (/q/health/ready) and liveness (/q/health/live) probes on its port")
    void deploymentsHaveHealthProbes() {
        for (String service : SERVICES) {
            Map<String, Object> container = container(service);
            assertThat(probePath(service, container, "readinessProbe")).as("readiness of %s", service)
                    .isEqualTo("/q/health/ready");
            assertThat(probePath(service, container, "livenessProbe")).as("liveness of %s", service)
                    .isEqualTo("/q/health/live");
            assertThat(probePath(service, container, "startupProbe")).as("startup probe of %s", service)
                    .startsWith("/q/health");
        }
    }

    @Test
    @DisplayName("every container listens on 8080 and gets KAFKA_BOOTSTRAP_SERVERS pointing at the Strimzi bootstrap service")
    void deploymentsSetKafkaBootstrapServers() {
        Manifest kafka = single("Kafka");
        Object plainPort = list(at(kafka.doc(), "spec", "kafka", "listeners")).stream().map(KubernetesManifestsTest::map)
                .filter(listener -> Boolean.FALSE.equals(listener.get("tls"))).map(listener -> listener.get("port"))
                .findFirst().orElseThrow(() -> new AssertionError("Kafka has no plain listener"));
        String bootstrap = kafka.name() + "-kafka-bootstrap:" + plainPort;
        for (Manifest deployment : of("Deployment").toList()) {
            for (Object c : list(at(deployment.doc(), "spec", "template", "spec", "containers"))) {
                Map<String, Object> container = map(c);
                assertThat(envValue(container, "KAFKA_BOOTSTRAP_SERVERS"))
                        .as("KAFKA_BOOTSTRAP_SERVERS of %s", deployment).isEqualTo(bootstrap);
                assertThat(envValue(container, "QUARKUS_HTTP_PORT")).as("QUARKUS_HTTP_PORT of %s", deployment)
                        .isEqualTo(String.valueOf(CONTAINER_PORT));
            }
        }
    }

    @Test
    @DisplayName("ticket-service, notifier and the email, Telegram and WhatsApp adapters each use their own database of the CloudNativePG cluster, credentials from Secrets")
    void databasesComeFromThePostgresCluster() {
        Manifest cluster = single("Cluster");
        String initdbDatabase = str(at(cluster.doc(), "spec", "bootstrap", "initdb", "database"));
        Map<String, String> secretOfDatabase = new HashMap<>();
        secretOfDatabase.put(initdbDatabase, cluster.name() + "-app");   // generated by CloudNativePG
        Map<String, String> passwordSecretOfRole = new HashMap<>();
        Object roles = at(cluster.doc(), "spec", "managed", "roles");
        for (Object role : roles == null ? List.of() : list(roles)) {
            passwordSecretOfRole.put(str(map(role).get("name")), str(at(role, "passwordSecret", "name")));
        }
        of("Database").filter(db -> cluster.name().equals(at(db.doc(), "spec", "cluster", "name")))
                .forEach(db -> secretOfDatabase.put(str(at(db.doc(), "spec", "name")),
                        passwordSecretOfRole.get(str(at(db.doc(), "spec", "owner")))));

        Map<String, String> databaseOfService = new HashMap<>();
        for (String service : SERVICES) {
            Map<String, Object> container = container(service);
            String url = envValue(container, "QUARKUS_DATASOURCE_JDBC_URL");
            if (url == null) {
                continue;
            }
            Matcher jdbc = JDBC_URL.matcher(url);
            assertThat(jdbc.matches()).as("JDBC URL of %s: %s", service, url).isTrue();
            assertThat(jdbc.group(1)).as("database host of %s (the primary)", service).isEqualTo(cluster.name() + "-rw");
            String database = jdbc.group(2);
            assertThat(secretOfDatabase).as("databases of %s", cluster).containsKey(database);
            for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                Map<String, Object> ref = secretKeyRef(container, variable);
                assertThat(ref).as("%s of %s comes from a Secret", variable, service).isNotNull();
                assertThat(ref.get("name")).as("Secret of %s for %s", variable, service)
                        .isEqualTo(secretOfDatabase.get(database));
            }
            databaseOfService.put(service, database);
        }
        assertThat(databaseOfService).as("services with a database")
                .containsOnlyKeys("ticket-service", "notifier", "intake-email", "intake-telegram", "intake-whatsapp")
                .containsEntry("ticket-service", "tickets")
                .containsEntry("notifier", "notifier")
                .containsEntry("intake-email", "email")
                .containsEntry("intake-telegram", "telegram")
                .containsEntry("intake-whatsapp", "whatsapp");
    }

    @Test
    @DisplayName("every GETMARK_* variable a Deployment sets is a setting its service reads (a misspelt one is silently ignored)")
    void getmarkVariablesAreSettingsTheServiceReads() throws IOException {
        for (String service : SERVICES) {
            Set<String> known = settingsOf(service);
            Object env = container(service).get("env");
            for (Object variable : env == null ? List.of() : list(env)) {
                String name = str(map(variable).get("name"));
                if (!name.startsWith("GETMARK_")) {
                    continue;
                }
                assertThat(known.stream().anyMatch(setting -> name.equals(setting) || setting.endsWith("_")
                        && name.startsWith(setting)))
                        .as("%s sets %s, which is no property of %s/src/main (application.properties, "
                                + "@ConfigProperty, @ConfigMapping)", service, name, service)
                        .isTrue();
            }
        }
    }

    /**
     * The environment-variable forms of the settings a service reads: the keys of its application.properties (any
     * profile), the names of its {@code @ConfigProperty}s, and its {@code @ConfigMapping} prefixes (ending in "_", any
     * variable under them counts).
     */
    private static Set<String> settingsOf(String service) throws IOException {
        Set<String> settings = new HashSet<>();
        Path main = home.resolve(service).resolve("src/main");
        Path properties = main.resolve("resources/application.properties");
        if (Files.exists(properties)) {
            for (String line : Files.readAllLines(properties)) {
                int eq = line.indexOf('=');
                if (line.isBlank() || line.startsWith("#") || eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip().replaceFirst("^%[a-z]+\\.", "");
                settings.add(envForm(key));
            }
        }
        Pattern property = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"([^\"]+)\"");
        Pattern mapping = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"");
        try (Stream<Path> sources = Files.walk(main.resolve("java"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                property.matcher(code).results().forEach(m -> settings.add(envForm(m.group(1))));
                mapping.matcher(code).results().forEach(m -> settings.add(envForm(m.group(1)) + "_"));
            }
        }
        return settings;
    }

    /** SmallRye Config's environment form of a property name: a.b-c → A_B_C. */
    private static String envForm(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    @Test
    @DisplayName("staff services take their accounts from the getmark-staff-accounts Secret, which is not in the repository")
    void staffAccountsComeFromASecret() {
        for (String service : SERVICES) {
            Object envFrom = container(service).get("envFrom");
            List<Map<String, Object>> refs = envFrom == null ? List.of()
                    : list(envFrom).stream().map(KubernetesManifestsTest::map).toList();
            boolean staff = refs.stream().anyMatch(ref -> "getmark-staff-accounts".equals(at(ref, "secretRef", "name"))
                    && !Boolean.TRUE.equals(at(ref, "secretRef", "optional")));
            assertThat(staff).as("%s reads the (required) staff accounts Secret", service)
                    .isEqualTo(STAFF_SERVICES.contains(service));
        }
    }

    @Test
    @DisplayName("no Secret with data and no secretGenerator is committed")
    void noSecretIsCommitted() {
        for (Manifest secret : documents.stream().filter(doc -> "Secret".equals(doc.kind())).toList()) {
            assertThat(isEmpty(secret.doc().get("data")) && isEmpty(secret.doc().get("stringData")))
                    .as("%s carries no data", secret).isTrue();
        }
        of("Kustomization").forEach(kustomization -> assertThat(kustomization.doc())
                .as("%s", kustomization.file()).doesNotContainKey("secretGenerator"));
        assertThat(of("Kustomization").count()).as("kustomizations found").isGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("images are pinned: never ':latest' or untagged, in the manifests, the overlays and the Dockerfiles")
    void imagesArePinned() throws IOException {
        List<String> images = new ArrayList<>();
        of("Deployment").forEach(deployment -> {
            for (String key : List.of("containers", "initContainers")) {
                Object containers = at(deployment.doc(), "spec", "template", "spec", key);
                if (containers != null) {
                    list(containers).forEach(c -> images.add(str(map(c).get("image"))));
                }
            }
        });
        of("Cluster").forEach(cluster -> images.add(str(at(cluster.doc(), "spec", "imageName"))));
        assertThat(images).hasSizeGreaterThanOrEqualTo(SERVICES.size()).allSatisfy(KubernetesManifestsTest::pinned);

        of("Kustomization").forEach(kustomization -> {
            Object overrides = kustomization.doc().get("images");
            for (Object image : overrides == null ? List.of() : list(overrides)) {
                Object tag = map(image).get("newTag");
                Object digest = map(image).get("digest");
                assertThat(tag != null || digest != null).as("%s pins %s", kustomization.file(), image).isTrue();
                assertThat(String.valueOf(tag)).as("newTag of %s", image).isNotBlank().isNotEqualTo("latest");
            }
        });

        for (String service : SERVICES) {
            Path dockerfile = home.resolve(service).resolve("src/main/docker/Dockerfile.jvm");
            assertThat(dockerfile).exists();
            List<String> lines = Files.readAllLines(dockerfile);
            String from = lines.stream().filter(line -> line.startsWith("FROM ")).findFirst()
                    .orElseThrow(() -> new AssertionError(dockerfile + " has no FROM"));
            pinned(from.substring("FROM ".length()).strip().split("\\s+")[0]);
            assertThat(lines).as("%s", dockerfile).contains("EXPOSE 8080", "USER 185")
                    .anyMatch(line -> line.startsWith("COPY") && line.contains("target/quarkus-app/lib/"));
        }
    }

    @Test
    @DisplayName("each Deployment runs non-root on a read-only root file system with /tmp on an emptyDir, sized, without service links")
    void deploymentsAreHardened() {
        for (String service : SERVICES) {
            Manifest deployment = deployment(service);
            Map<String, Object> pod = map(at(deployment.doc(), "spec", "template", "spec"));
            Map<String, Object> container = container(service);
            assertThat(at(pod, "securityContext", "runAsNonRoot")).as("runAsNonRoot of %s", service).isEqualTo(true);
            assertThat(pod.get("enableServiceLinks")).as("enableServiceLinks of %s (GETMARK_KAFKA_* variables)", service)
                    .isEqualTo(false);
            assertThat(at(container, "securityContext", "readOnlyRootFilesystem"))
                    .as("readOnlyRootFilesystem of %s", service).isEqualTo(true);
            assertThat(at(container, "securityContext", "allowPrivilegeEscalation"))
                    .as("allowPrivilegeEscalation of %s", service).isEqualTo(false);
            String tmpVolume = list(container.get("volumeMounts")).stream().map(KubernetesManifestsTest::map)
                    .filter(mount -> "/tmp".equals(mount.get("mountPath"))).map(mount -> str(mount.get("name")))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " mounts nothing on /tmp"));
            assertThat(list(pod.get("volumes")).stream().map(KubernetesManifestsTest::map)
                    .filter(volume -> tmpVolume.equals(volume.get("name"))).findFirst())
                    .as("/tmp volume of %s", service).hasValueSatisfying(volume ->
                            assertThat(volume).containsKey("emptyDir"));
            assertThat(at(container, "resources", "requests", "memory")).as("memory request of %s", service).isNotNull();
            assertThat(at(container, "resources", "limits", "memory")).as("memory limit of %s", service).isNotNull();
            assertThat(envValue(container, "JAVA_OPTS_APPEND")).as("JAVA_OPTS_APPEND of %s", service).contains("-Xmx");
            assertThat(at(deployment.doc(), "spec", "template", "metadata", "annotations", "prometheus.io/path"))
                    .as("metrics path of %s", service).isEqualTo("/q/metrics");
            assertThat(number(at(deployment.doc(), "spec", "replicas"))).as("replicas of %s", service)
                    .isGreaterThanOrEqualTo(2L);
        }
    }

    @Test
    @DisplayName("each Service maps port 80 to the container's 8080, and each PodDisruptionBudget selects its pods")
    void servicesAndDisruptionBudgetsSelectThePods() {
        for (String service : SERVICES) {
            Map<String, Object> podLabels = map(at(deployment(service).doc(), "spec", "template", "metadata", "labels"));
            Manifest svc = named("Service", service);
            assertThat(podLabels).as("pod labels of %s", service)
                    .containsAllEntriesOf(map(at(svc.doc(), "spec", "selector")));
            Map<String, Object> port = map(list(at(svc.doc(), "spec", "ports")).get(0));
            assertThat(number(port.get("port"))).as("port of %s", svc).isEqualTo(80L);
            assertThat(resolvePort(container(service), port.get("targetPort"))).as("targetPort of %s", svc)
                    .isEqualTo(CONTAINER_PORT);
            Manifest pdb = named("PodDisruptionBudget", service);
            assertThat(podLabels).as("pod labels of %s", service)
                    .containsAllEntriesOf(map(at(pdb.doc(), "spec", "selector", "matchLabels")));
        }
    }

    @Test
    @DisplayName("kustomizations list files that exist, and every manifest file is listed by one")
    void kustomizationsListFilesThatExist() throws IOException {
        Set<Path> referenced = new LinkedHashSet<>();
        for (Manifest kustomization : of("Kustomization").toList()) {
            Path dir = kustomization.file().getParent();
            List<String> entries = new ArrayList<>();
            for (String key : List.of("resources", "components", "crds")) {
                Object value = kustomization.doc().get(key);
                if (value != null) {
                    list(value).forEach(entry -> entries.add(str(entry)));
                }
            }
            entries.addAll(patchPaths(kustomization));
            for (String entry : entries) {
                Path target = dir.resolve(entry).normalize();
                assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
                        .as("%s lists %s, which must be a file or a kustomization directory",
                                k8s.relativize(kustomization.file()), entry).isTrue();
                referenced.add(target);
            }
        }
        for (Path file : yamlFiles()) {
            if (!isKustomization(file)) {
                assertThat(referenced).as("kustomizations that list %s", k8s.relativize(file)).contains(file);
            }
        }
    }

    // --- the manifests -----------------------------------------------------------------------------------------------

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(k8s)) {
            return walk.filter(Files::isRegularFile).map(Path::normalize)
                    .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted().toList();
        }
    }

    /** The files a kustomization uses as patches ({@code patches[].path} and {@code patchesStrategicMerge}). */
    private static List<String> patchPaths(Manifest kustomization) {
        List<String> paths = new ArrayList<>();
        Object patches = kustomization.doc().get("patches");
        if (patches != null) {
            list(patches).stream().map(patch -> map(patch).get("path")).filter(Objects::nonNull)
                    .forEach(path -> paths.add(str(path)));
        }
        Object strategicMerge = kustomization.doc().get("patchesStrategicMerge");
        if (strategicMerge != null) {
            list(strategicMerge).forEach(path -> paths.add(str(path)));
        }
        return paths;
    }

    private static boolean isKustomization(Path file) {
        String name = file.getFileName().toString();
        return name.equals("kustomization.yaml") || name.equals("kustomization.yml");
    }

    private static Stream<Manifest> of(String kind) {
        return manifests.stream().filter(m -> kind.equals(m.kind()));
    }

    private static List<String> names(String kind) {
        return of(kind).map(Manifest::name).toList();
    }

    private static Manifest single(String kind) {
        List<Manifest> found = of(kind).toList();
        assertThat(found).as("resources of kind %s", kind).hasSize(1);
        return found.get(0);
    }

    private static Manifest named(String kind, String name) {
        return of(kind).filter(m -> name.equals(m.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    private static Manifest deployment(String service) {
        return named("Deployment", service);
    }

    private static Map<String, Object> container(String service) {
        List<Object> containers = list(at(deployment(service).doc(), "spec", "template", "spec", "containers"));
        return containers.stream().map(KubernetesManifestsTest::map).filter(c -> service.equals(c.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("Deployment " + service + " has no container named "
                        + service));
    }

    private static String topicName(Manifest topic) {
        Object topicName = at(topic.doc(), "spec", "topicName");
        return topicName != null ? str(topicName) : topic.name();
    }

    private static String probePath(String service, Map<String, Object> container, String probe) {
        Object httpGet = at(container, probe, "httpGet");
        if (httpGet == null) {
            fail(service + " has no HTTP " + probe);
        }
        assertThat(resolvePort(container, map(httpGet).get("port"))).as("%s port of %s", probe, service)
                .isEqualTo(CONTAINER_PORT);
        return str(map(httpGet).get("path"));
    }

    /** A port given by number or by the name of one of the container's ports. */
    private static int resolvePort(Map<String, Object> container, Object port) {
        if (port instanceof Number number) {
            return number.intValue();
        }
        return list(container.get("ports")).stream().map(KubernetesManifestsTest::map)
                .filter(p -> Objects.equals(port, p.get("name"))).map(p -> (int) number(p.get("containerPort")))
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + port));
    }

    private static Map<String, Object> env(Map<String, Object> container, String name) {
        Object env = container.get("env");
        if (env == null) {
            return null;
        }
        return list(env).stream().map(KubernetesManifestsTest::map).filter(e -> name.equals(e.get("name")))
                .findFirst().orElse(null);
    }

    /** The literal value of an environment variable, or null when it is not set or comes from elsewhere. */
    private static String envValue(Map<String, Object> container, String name) {
        Map<String, Object> variable = env(container, name);
        return variable == null || variable.get("value") == null ? null : str(variable.get("value"));
    }

    private static Map<String, Object> secretKeyRef(Map<String, Object> container, String name) {
        Map<String, Object> variable = env(container, name);
        if (variable == null || variable.containsKey("value")) {
            return null;
        }
        Object ref = at(variable, "valueFrom", "secretKeyRef");
        return ref == null ? null : map(ref);
    }

    private static void pinned(String image) {
        assertThat(image).as("image").isNotBlank();
        if (image.contains("@sha256:")) {
            return;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        assertThat(lastSegment).as("image %s has a tag", image).contains(":");
        assertThat(lastSegment.substring(lastSegment.indexOf(':') + 1)).as("tag of %s", image)
                .isNotBlank().isNotEqualTo("latest");
    }

    // --- navigating parsed YAML --------------------------------------------------------------------------------------

    /** The value at a path of map keys, or null when any step is missing. */
    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).as("a YAML mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        assertThat(node).as("a YAML sequence").isInstanceOf(List.class);
        return (List<Object>) node;
    }

    private static String str(Object node) {
        return node == null ? null : String.valueOf(node);
    }

    private static long number(Object node) {
        assertThat(node).as("a number").isInstanceOf(Number.class);
        return ((Number) node).longValue();
    }

    private static boolean isEmpty(Object node) {
        return node == null || (node instanceof Map<?, ?> m && m.isEmpty());
    }
}
