package dev.nanobanana4j.spring.boot;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.routing.Route;
import dev.nanobanana4j.langchain4j.NanoBananaImageModel;
import dev.nanobanana4j.springai.NanoBananaSpringImageModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The frameworks' {@code ImageModel} over the client, when their adapter is present and the
 * application defines no image model of its own: LangChain4j's (nanobanana4j-langchain4j) and
 * Spring AI's (nanobanana4j-spring-ai). Each submits along the {@code Route} bean when there is one
 * ({@code nanobanana.route}), else to the default provider. The client's budget already covers
 * every submission, so the models are given none of their own: a job is never reserved twice.
 */
@AutoConfiguration(after = NanoBananaAutoConfiguration.class)
@ConditionalOnBean(NanoBananaClient.class)
public class NanoBananaImageModelAutoConfiguration {
  /** LangChain4j's image model. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({NanoBananaImageModel.class, dev.langchain4j.model.image.ImageModel.class})
  static class LangChain4j {
    @Bean
    @ConditionalOnMissingBean(dev.langchain4j.model.image.ImageModel.class)
    NanoBananaImageModel nanoBananaLangChain4jImageModel(
        NanoBananaClient client, ObjectProvider<Route> route) {
      NanoBananaImageModel.Builder model = NanoBananaImageModel.builder().client(client);
      route.ifAvailable(model::route);
      return model.build();
    }
  }

  /** Spring AI's image model. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({
    NanoBananaSpringImageModel.class,
    org.springframework.ai.image.ImageModel.class
  })
  static class SpringAi {
    @Bean
    @ConditionalOnMissingBean(org.springframework.ai.image.ImageModel.class)
    NanoBananaSpringImageModel nanoBananaSpringAiImageModel(
        NanoBananaClient client, ObjectProvider<Route> route) {
      NanoBananaSpringImageModel.Builder model =
          NanoBananaSpringImageModel.builder().client(client);
      route.ifAvailable(model::route);
      return model.build();
    }
  }
}
