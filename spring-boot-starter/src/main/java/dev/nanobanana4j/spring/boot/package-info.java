/**
 * Spring Boot auto-configuration for nanobanana4j: the client from {@code nanobanana.*} properties,
 * meters and observations on Boot's registries, the callback endpoint, a health indicator per
 * provider, and the job store on the application's {@code DataSource}.
 */
package dev.nanobanana4j.spring.boot;
