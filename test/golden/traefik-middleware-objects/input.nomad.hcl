# Middlewares defined in the job's own tags become Traefik Middleware objects of the module:
# a camel-cased name, basic-auth users (kept in a Secret, never quoted in the report), request
# headers with a credential, a regex redirect and a chain. `authentik` is defined by another
# job (a named prerequisite) and the plugin middleware cannot be an object here.
job "supabase" {
  group "api" {
    network {
      port "http" {
        to = 9999
      }
    }

    service {
      name = "gotrue"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.gotrue.rule=Host(`supabase.example.org`) && PathPrefix(`/auth/v1`)",
        "traefik.http.routers.gotrue.middlewares=gotrue-stripPrefix,api-headers,secured",
        "traefik.http.middlewares.gotrue-stripPrefix.stripprefix.prefixes=/auth/v1",
        "traefik.http.middlewares.api-headers.headers.customrequestheaders.Authorization=Bearer s3cr3t-service-key",
        "traefik.http.middlewares.api-headers.headers.customresponseheaders.X-Robots-Tag=noindex",
        "traefik.http.middlewares.api-headers.headers.stsseconds=31536000",
        "traefik.http.middlewares.secured.chain.middlewares=admin-auth,real-ip",
        "traefik.http.middlewares.admin-auth.basicauth.users=admin:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/,ops:$apr1$d9hr9HBB$4HxwgUir3HP4EsggP/QNo0",
        "traefik.http.middlewares.admin-auth.basicauth.realm=supabase",
        "traefik.http.middlewares.real-ip.plugin.real-ip.Proxy.realIP=Cf-Connecting-Ip",
        "traefik.http.routers.studio.rule=Host(`studio.example.org`)",
        "traefik.http.routers.studio.middlewares=old-paths,authentik@consulcatalog",
        "traefik.http.middlewares.old-paths.redirectregex.regex=^https://studio.example.org/project/(.*)",
        "traefik.http.middlewares.old-paths.redirectregex.replacement=https://studio.example.org/$${1}",
        "traefik.http.middlewares.old-paths.redirectregex.permanent=true",
      ]
    }

    task "gotrue" {
      driver = "docker"

      config {
        image = "supabase/gotrue:v2.151.0"
        ports = ["http"]
      }

      resources {
        cpu    = 200
        memory = 256
      }
    }
  }
}
