package org.supportbot.store;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean(destroyMethod = "close")
    MongoStore mongoStore(@Value("${supportbot.mongodb.uri:}") String uri,
            @Value("${supportbot.data.dir}") String dataDir,
            @Value("${supportbot.mongodb.connect-timeout:10s}") Duration connectTimeout,
            @Value("${supportbot.store.commit-gather:1ms}") Duration commitGather,
            @Value("${supportbot.store.operation-timeout:10s}") Duration operationTimeout) {
        return new MongoStore(uri, Path.of(dataDir), connectTimeout, commitGather, operationTimeout);
    }
}
