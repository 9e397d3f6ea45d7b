# syntax=docker/dockerfile:1
# Build: docker build -t support-bot .   Run: docker run -p 8080:8080 -v supportbot-data:/app/data support-bot

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
# The bot's built-in wording is packed into the jar from messages/.
COPY messages messages
# …and the starter store actions from actions/.
COPY actions actions
RUN mvn -B -ntp -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin supportbot
WORKDIR /app
COPY --from=build /src/target/support-bot.jar /app/support-bot.jar
# Editors' content ships inside the image; mount over /app/intents, /app/knowledge-base, /app/messages, /app/actions and /app/replies to edit it live.
COPY intents /app/intents
COPY knowledge-base /app/knowledge-base
COPY messages /app/messages
COPY synonyms.yaml /app/synonyms.yaml
COPY actions /app/actions
COPY replies /app/replies
RUN mkdir -p /app/data && chown -R supportbot:supportbot /app/data
USER supportbot
ENV SUPPORTBOT_CONTENT_DIR=/app \
    SUPPORTBOT_DATA_DIR=/app/data \
    SERVER_PORT=8080
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/support-bot.jar"]
