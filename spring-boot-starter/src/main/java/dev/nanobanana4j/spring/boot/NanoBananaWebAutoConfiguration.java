package dev.nanobanana4j.spring.boot;

import dev.nanobanana4j.core.application.NanoBananaClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The callback endpoint for Spring MVC applications: {@code POST /nanobanana/callbacks} (the
 * provider in the query, as the client's callback URLs carry it) and {@code POST
 * /nanobanana/callbacks/{provider}} (for URLs registered in a vendor's console), the path set by
 * {@code nanobanana.callbacks.path}. Off with {@code nanobanana.callbacks.endpoint-enabled=false}.
 */
@AutoConfiguration(after = NanoBananaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(NanoBananaClient.class)
@ConditionalOnProperty(
    prefix = "nanobanana.callbacks",
    name = "endpoint-enabled",
    havingValue = "true",
    matchIfMissing = true)
public class NanoBananaWebAutoConfiguration {
  /** The endpoint, feeding the client's callback receiver. */
  @Bean
  @ConditionalOnMissingBean
  public NanoBananaCallbackController nanoBananaCallbackController(NanoBananaClient client) {
    return new NanoBananaCallbackController(client.callbackReceiver());
  }
}
