job "ledger" {
  meta {
    stage = "live"
  }

  group "ledger" {
    network {
      port "http" {
        to = 8000
      }
    }

    task "ledger" {
      driver = "docker"

      config {
        image = "example/ledger:4.2"
        ports = ["http"]
      }

      # The banner follows whether the key is set: an optional input picks the branch.
      template {
        data        = <<EOF
{{- if keyExists "ledger/banner" }}
banner: "{{ key "ledger/banner" }}"
{{- else }}
banner: "Welcome"
{{- end }}
{{ if keyExists "ledger/flags/audit" }}audit: on{{ end }}
db_host: {{ key (print "ledger/" (env "NOMAD_META_stage") "/db_host") }}
db_name: {{ keyOrDefault (printf "%s/%s/db_name" (env "NOMAD_JOB_NAME") (env "NOMAD_META_stage")) "ledger" }}
replica: {{ key (print "ledger/" (env "NOMAD_ALLOC_INDEX") "/replica") }}
EOF
        destination = "local/ledger.yaml"
      }

      # Env values: one inline branch, one block around whole lines, one name set twice.
      template {
        data        = <<EOF
LOG_LEVEL={{ if keyExists "ledger/log_level" }}{{ key "ledger/log_level" }}{{ else }}info{{ end }}
{{ if keyExists "ledger/smtp_host" }}
SMTP_HOST={{ key "ledger/smtp_host" }}
SMTP_PORT="{{ keyOrDefault "ledger/smtp_port" "25" }}"
{{ end }}
REGION={{ key "ledger/region_old" }}
REGION={{ key "ledger/region" }}
EOF
        destination = "local/ledger.env"
        env         = true
      }
    }
  }
}
