{{- define "historygraph.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "historygraph.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "historygraph.labels" -}}
app.kubernetes.io/name: {{ include "historygraph.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "historygraph.selector" -}}
app.kubernetes.io/name: {{ include "historygraph.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
