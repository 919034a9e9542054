job "chat" {
  group "chat" {
    network {
      port "http" {
        to = 8008
      }
    }

    service {
      name = "chat"
      port = "http"
    }

    task "chat" {
      driver = "docker"

      vault {
        policies = ["chat"]
      }

      config {
        image = "example/chat-server:1.98"
        ports = ["http"]
      }

      env {
        CHAT_CONFIG_PATH = "/secrets/homeserver.yaml"
      }

      # A Consul KV value beside Vault secrets: the value is a module input written into the
      # ExternalSecret template, the secrets stay in the store.
      template {
        data        = <<EOF
server_name: "{{ key "chat/server_name" }}"
macaroon_secret_key: "{{ with secret "secret/data/chat" }}{{ .Data.data.macaroon }}{{ end }}"
EOF
        destination = "secrets/app.yaml"
      }

      # A service lookup of a service outside this run mixed with secrets: nothing can write
      # the file, and the app is pointed at it.
      template {
        data        = <<EOF
database:
  host: {{ range service "chat-db" }}{{ .Address }}{{ end }}
  password: {{ with secret "secret/data/chat" }}{{ .Data.data.db_password }}{{ end }}
EOF
        destination = "secrets/homeserver.yaml"
      }
    }
  }
}
