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
ENTRYPOINT ["java", "-jar", "/app/award-nomination.jar"]
