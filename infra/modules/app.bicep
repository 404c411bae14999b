// Linux App Service plan and the InvestBot web app (.NET 10). Always On: the reminder and ranking schedules and the
// delivery worker run in-process. /healthz answers 503 when storage does not, so App Service can replace the instance.
// HTTPS only, TLS 1.2, FTP off and no basic (FTP/SCM) publishing credentials: deployments sign in with Entra ID.
param planName string
param siteName string
param location string
param sku string
param instanceCount int
param identityId string
param identityClientId string
param botAppType string
param botAppId string
@description('SingleTenant: versionless URI of the client secret in Key Vault; empty for UserAssignedMSI.')
param botPasswordSecretUri string
param botTenantId string
param storageAccountName string
param appInsightsConnectionString string
param tablePrefix string
param admins string
param tags object

// Bot Framework endpoints of Azure operated by 21Vianet, from
// https://learn.microsoft.com/azure/bot-service/how-to-deploy-china-cloud (SingleTenant / UserAssignedMSI settings).
var chinaBotFramework = {
  OAuthUrl: 'https://token.botframework.azure.cn/'
  ToChannelFromBotLoginUrl: 'https://login.partner.microsoftonline.cn/${botTenantId}'
  ToChannelFromBotOAuthScope: 'https://api.botframework.azure.cn'
  ToBotFromChannelTokenIssuer: 'https://api.botframework.azure.cn'
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.cn/v1/.well-known/openidconfiguration'
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.partner.microsoftonline.cn/a55a4d5b-9241-49b1-b4ff-befa8db00269/v2.0/.well-known/openid-configuration'
  ValidateAuthority: 'true'
}
var sovereignSettings = environment().name == 'AzureChinaCloud' ? chinaBotFramework : {}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

var baseSettings = {
  ASPNETCORE_ENVIRONMENT: 'Production'
  MicrosoftAppType: botAppType
  MicrosoftAppId: botAppId
  MicrosoftAppTenantId: botTenantId
  // Only the office's tenant is believed (docs/security.md); more tenants: InvestBot__AllowedTenants__1 …
  InvestBot__AllowedTenants__0: botTenantId
  InvestBot__Storage__AccountName: storageAccountName
  InvestBot__Storage__EndpointSuffix: environment().suffixes.storage
  InvestBot__Storage__ManagedIdentityClientId: identityClientId
  InvestBot__TablePrefix: tablePrefix
  InvestBot__Reporting__PublicBaseUrl: 'https://${siteName}.${environment().name == 'AzureChinaCloud' ? 'chinacloudsites.cn' : 'azurewebsites.net'}'
  Admins: admins
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  AZURE_CLIENT_ID: identityClientId
  TZ: 'Asia/Shanghai'
}
// The secret itself stays in Key Vault; App Service resolves the reference with keyVaultReferenceIdentity.
var secretSettings = botAppType == 'SingleTenant'
  ? { MicrosoftAppPassword: '@Microsoft.KeyVault(SecretUri=${botPasswordSecretUri})' }
  : {}
var settings = union(baseSettings, sovereignSettings, secretSettings)

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [for s in items(settings): {
        name: s.key
        value: s.value
      }]
    }
  }
}

// Basic-auth publishing off for FTP and for SCM (Kudu): zip deploy with Entra ID (az webapp deploy, atk deploy) only.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output id string = site.id
output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output settings object = settings
