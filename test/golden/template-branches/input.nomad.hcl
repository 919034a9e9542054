# Templates rendered as consul-template renders them: a `with secret` block renders its body,
# never its `else` placeholder; `if keyExists` picks its branch from an optional input; a name set
# twice (env block and template, or twice in one env file) keeps its last value; literal
# credentials in env become sensitive module inputs, switches stay.
job "branches" {
  datacenters = ["dc1"]

  group "app" {
    network {
      port "http" {
        to = 8080
      }
    }

    task "api" {
      driver = "docker"

      config {
        image = "example/api:1.4"
        ports = ["http"]
      }

      env {
        LOG_LEVEL                  = "debug"
        DB_PASSWORD                = "hunter2"
        MYSQL_RANDOM_ROOT_PASSWORD = "yes"
        ADMIN_TOKEN                = "t0k3n"
        PASSWORD_FILE              = "/secrets/password"
        KEYCLOAK_ADMIN             = "admin"
      }

      template {
        data        = <<EOF
{{ with secret "secret/data/api" }}
DB_PASSWORD={{ .Data.data.db_password }}
{{ else }}
DB_PASSWORD=PLACEHOLDER
{{ end }}
LOG_LEVEL=info
LOG_LEVEL=warn
EOF
        destination = "secrets/api.env"
        env         = true
      }

      template {
        data        = <<EOF
[db]
{{- with secret "secret/data/api" }}
password = "{{ .Data.data.db_password }}"
{{- else }}
password = "changeme"
{{- end }}
EOF
        destination = "local/api.ini"
      }

      template {
        data        = <<EOF
motd: {{ if keyExists "features/motd" }}{{ key "features/motd" }}{{ else }}Good morning.{{ end }}
EOF
        destination = "local/motd.yaml"
      }
    }
  }
}
