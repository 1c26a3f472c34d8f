# Builds and runs the application. Used by docker-compose.yml.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY forms forms
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --home /app award && mkdir -p /app/data && chown award /app/data
COPY --from=build /src/target/award-nomination-*.jar /app/award-nomination.jar
USER award
EXPOSE 8080
# Memory: the heap takes 60 % of the container's limit (docker-compose gives the app 1 GiB: ~600 MiB heap),
# the rest is metaspace (capped), thread stacks, direct buffers and the JIT. G1 returns unused heap to the
# system; a heap that runs out stops the JVM (the orchestrator restarts it) instead of limping on.
# Override with JAVA_OPTS, e.g. JAVA_OPTS="-XX:MaxRAMPercentage=70".
ENV JAVA_OPTS="-XX:MaxRAMPercentage=60 -XX:InitialRAMPercentage=25 -XX:+UseG1GC -XX:MaxMetaspaceSize=256m -Xss512k -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/award-nomination.jar"]
