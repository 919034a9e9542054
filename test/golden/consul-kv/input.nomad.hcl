job "postbox" {
  group "postbox" {
    network {
      port "http" {
        to = 8025
      }
    }

    service {
      name = "postbox"
      port = "http"
    }

    task "postbox" {
      driver = "docker"

      config {
        image = "example/postbox:5.1"
        ports = ["http"]
      }

      # Plain values become module inputs; secret-looking ones sensitive inputs in a Secret.
      template {
        data        = <<EOF
SMTP_HOST={{ key "postbox/smtp_host" }}
SMTP_PORT={{ keyOrDefault "postbox/smtp_port" "2525" }}
SMTP_PASSWORD={{ key "postbox/smtp_password" }}
API_TOKEN={{ key "postbox/upstream" }}
EOF
        destination = "local/postbox.env"
        env         = true
      }

      # A file with a secret-looking value: the whole file goes to the Secret.
      template {
        data        = <<EOF
[site]
domain = {{ key "postbox/domain" }}
admin_password = {{ key "postbox/admin" }}
EOF
        destination = "local/site.ini"
      }

      # A file without secrets stays a ConfigMap, with the input in it.
      template {
        data        = <<EOF
banner: "{{ keyOrDefault "postbox/banner" "Welcome" }}"
EOF
        destination = "local/banner.yaml"
      }

      # Keys under a prefix are not known when converting.
      template {
        data        = <<EOF
{{ range ls "postbox/aliases" }}{{ .Key }}: {{ .Value }}
{{ end }}
EOF
        destination = "local/aliases"
      }
    }
  }
}
